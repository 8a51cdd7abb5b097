package dev.pinpipeline.streaming.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * Writes classified events into {@code pin_events}, {@code pins} and {@code pin_rejects} with idempotent upserts,
 * so that writing the same events again (a replay, a retried task) never changes the tables:
 * <ul>
 *   <li>the cleaned events (one per event_id) are copied into a session TEMP table with {@code COPY} (pgjdbc's
 *       CopyManager: one stream, no per-row statements), emptied at every commit;</li>
 *   <li>one statement then moves them on: {@code pin_events} takes them with {@code ON CONFLICT (event_id) DO
 *       NOTHING}, and {@code pins} takes only the events that insert returned (an event_id written before, e.g.
 *       a client's retry that ingest-api gave the same id, changes nothing), the newest per pin, with {@code ON
 *       CONFLICT DO UPDATE … WHERE} the incoming event is newer (ingested_at, then offset), so a replayed or late
 *       older event never overwrites a newer state, in whatever order the writes come;</li>
 *   <li>{@code pin_rejects}: {@code ON CONFLICT DO NOTHING} on the Kafka coordinates (rare rows: a batched insert).</li>
 * </ul>
 * All of it in the caller's transaction: a batch is in PostgreSQL entirely or not at all.
 */
final class PostgresPinStore {

    /** Created once per connection (IF NOT EXISTS); ON COMMIT DELETE ROWS empties it in place at every commit. */
    static final String CREATE_STAGE = """
            CREATE TEMP TABLE IF NOT EXISTS pin_events_stage (
                event_id text, ind integer, unique_id uuid, title text, description text, poster_name text,
                follower_count bigint, tag_list text[], is_image_or_video text, image_src text, downloaded boolean,
                save_location text, category text, ingested_at timestamptz, topic text, "partition" integer,
                "offset" bigint)
            ON COMMIT DELETE ROWS""";

    static final String COPY_STAGE = """
            COPY pin_events_stage (event_id, ind, unique_id, title, description, poster_name, follower_count,
                tag_list, is_image_or_video, image_src, downloaded, save_location, category, ingested_at,
                topic, "partition", "offset")
            FROM STDIN (FORMAT csv)""";

    /**
     * The staged events into pin_events, and those it inserted into pins. Within the statement each pin appears
     * once (its newest new event: one upsert may not touch a row twice), in unique_id order, so concurrent
     * partitions lock pins in the same order and cannot deadlock.
     */
    static final String MOVE_STAGE = """
            WITH new_events AS (
                INSERT INTO pin_events (event_id, ind, unique_id, title, description, poster_name, follower_count,
                    tag_list, is_image_or_video, image_src, downloaded, save_location, category, ingested_at,
                    topic, "partition", "offset")
                SELECT event_id, ind, unique_id, title, description, poster_name, follower_count,
                    tag_list, is_image_or_video, image_src, downloaded, save_location, category, ingested_at,
                    topic, "partition", "offset"
                FROM pin_events_stage
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id, ind, unique_id, title, description, poster_name, follower_count,
                    tag_list, is_image_or_video, image_src, downloaded, save_location, category, ingested_at,
                    topic, "partition", "offset")
            INSERT INTO pins (unique_id, ind, title, description, poster_name, follower_count, tag_list,
                is_image_or_video, image_src, downloaded, save_location, category, ingested_at,
                event_id, topic, "partition", "offset")
            SELECT DISTINCT ON (unique_id) unique_id, ind, title, description, poster_name, follower_count, tag_list,
                is_image_or_video, image_src, downloaded, save_location, category, ingested_at,
                event_id, topic, "partition", "offset"
            FROM new_events
            ORDER BY unique_id, ingested_at DESC, "offset" DESC, "partition" DESC, topic DESC
            ON CONFLICT (unique_id) DO UPDATE SET
                ind = EXCLUDED.ind, title = EXCLUDED.title, description = EXCLUDED.description,
                poster_name = EXCLUDED.poster_name, follower_count = EXCLUDED.follower_count,
                tag_list = EXCLUDED.tag_list, is_image_or_video = EXCLUDED.is_image_or_video,
                image_src = EXCLUDED.image_src, downloaded = EXCLUDED.downloaded,
                save_location = EXCLUDED.save_location, category = EXCLUDED.category,
                ingested_at = EXCLUDED.ingested_at, event_id = EXCLUDED.event_id, topic = EXCLUDED.topic,
                "partition" = EXCLUDED."partition", "offset" = EXCLUDED."offset", updated_at = now()
            WHERE (EXCLUDED.ingested_at, EXCLUDED."offset", EXCLUDED."partition", EXCLUDED.topic)
                > (pins.ingested_at, pins."offset", pins."partition", pins.topic)""";

    static final String INSERT_REJECT = """
            INSERT INTO pin_rejects (topic, "partition", "offset", event_id, ingested_at, value, raw_value, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (topic, "partition", "offset") DO NOTHING""";

    private PostgresPinStore() {}

    /** Writes the events in one transaction (the caller commits). */
    public static void write(Connection connection, List<PinEvent> events) throws SQLException {
        List<PinEvent> cleaned = new ArrayList<>();
        List<PinEvent> rejects = new ArrayList<>();
        for (PinEvent event : events) {
            (event.isReject() ? rejects : cleaned).add(event);
        }
        if (!cleaned.isEmpty()) {
            insertEventsAndPins(connection, firstPerEventId(cleaned));
        }
        if (!rejects.isEmpty()) {
            insertRejects(connection, rejects);
        }
    }

    /**
     * One event per event_id, the first record of it (lowest partition, then offset): a retried POST that ingest-api
     * gave the same event_id is the same event, already written by its first record.
     */
    static List<PinEvent> firstPerEventId(List<PinEvent> cleaned) {
        Comparator<PinEvent> position =
                Comparator.comparingInt(PinEvent::partition).thenComparingLong(PinEvent::offset);
        Map<String, PinEvent> first = new LinkedHashMap<>();
        for (PinEvent event : cleaned) {
            first.merge(
                    event.eventId(),
                    event,
                    (kept, candidate) -> position.compare(candidate, kept) < 0 ? candidate : kept);
        }
        return new ArrayList<>(first.values());
    }

    /** The events as COPY reads them (UTF-8): the columns of {@link #COPY_STAGE}, NUL characters replaced. */
    static byte[] stageRows(List<PinEvent> events) {
        CopyCsv csv = new CopyCsv();
        for (PinEvent e : events) {
            csv.value(e.eventId())
                    .value(e.ind())
                    .value(e.uniqueId())
                    .value(withoutNul(e.title()))
                    .value(withoutNul(e.description()))
                    .value(withoutNul(e.posterName()))
                    .value(e.followerCount())
                    .array(
                            e.tagList() == null
                                    ? null
                                    : e.tagList().stream()
                                            .map(PostgresPinStore::withoutNul)
                                            .toList())
                    .value(e.isImageOrVideo())
                    .value(withoutNul(e.imageSrc()))
                    .value(e.downloaded())
                    .value(withoutNul(e.saveLocation()))
                    .value(withoutNul(e.category()))
                    .value(e.ingestedAt())
                    .value(e.topic())
                    .value(e.partition())
                    .value(e.offset())
                    .endRow();
        }
        return csv.bytes();
    }

    /** The coordinates among {@code rejects} that pin_rejects already holds (they reached the dead-letter topic). */
    public static Set<String> knownRejects(Connection connection, List<PinEvent> rejects) throws SQLException {
        Set<String> known = new HashSet<>();
        if (rejects.isEmpty()) {
            return known;
        }
        String sql = """
                SELECT topic, "partition", "offset" FROM pin_rejects
                WHERE (topic, "partition", "offset") IN (SELECT * FROM unnest(?::text[], ?::int[], ?::bigint[]))""";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "text", rejects.stream().map(PinEvent::topic).toArray()));
            select.setArray(
                    2,
                    connection.createArrayOf(
                            "int4", rejects.stream().map(PinEvent::partition).toArray()));
            select.setArray(
                    3,
                    connection.createArrayOf(
                            "int8", rejects.stream().map(PinEvent::offset).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    known.add(rows.getString(1) + "/" + rows.getInt(2) + "/" + rows.getLong(3));
                }
            }
        }
        return known;
    }

    private static void insertEventsAndPins(Connection connection, List<PinEvent> events) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_STAGE);
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(COPY_STAGE, new ByteArrayInputStream(stageRows(events)));
            statement.executeUpdate(MOVE_STAGE);
        } catch (IOException e) {
            throw new SQLException("COPY into pin_events_stage failed: " + e.getMessage(), "08006", e);
        }
    }

    private static void insertRejects(Connection connection, List<PinEvent> rejects) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_REJECT)) {
            for (PinEvent e : rejects) {
                insert.setString(1, e.topic());
                insert.setInt(2, e.partition());
                insert.setLong(3, e.offset());
                insert.setString(4, e.eventId());
                insert.setObject(5, e.ingestedAt() == null ? null : timestamp(e), Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setString(6, text(e.rawValue()));
                insert.setBytes(7, e.rawValue());
                insert.setString(8, e.rejectReason());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static OffsetDateTime timestamp(PinEvent e) {
        return e.ingestedAt().atOffset(ZoneOffset.UTC);
    }

    /** A reject's bytes as text, for people reading pin_rejects.value (raw_value keeps the bytes themselves). */
    static String text(byte[] raw) {
        return raw == null ? null : withoutNul(new String(raw, StandardCharsets.UTF_8));
    }

    /** PostgreSQL text cannot hold U+0000; it becomes U+FFFD (the only change the sink ever makes to a value). */
    static String withoutNul(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
}
