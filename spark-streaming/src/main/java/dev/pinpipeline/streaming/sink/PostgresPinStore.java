package dev.pinpipeline.streaming.sink;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
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
import java.util.UUID;

/**
 * Writes classified events into {@code pin_events}, {@code pins} and {@code pin_rejects} with idempotent upserts,
 * so that writing the same events again (a replay, a retried task) never changes the tables:
 * <ul>
 *   <li>{@code pin_events} and {@code pin_rejects}: {@code ON CONFLICT DO NOTHING} on their keys;</li>
 *   <li>{@code pins}: only from the events this transaction inserted into pin_events (an event_id written before,
 *       e.g. a client's retry that ingest-api gave the same id, changes nothing), with {@code ON CONFLICT DO UPDATE
 *       … WHERE} the incoming event is newer (ingested_at, then offset), so a replayed or late older event never
 *       overwrites a newer state, in whatever order the writes come.</li>
 * </ul>
 * The update clause uses only {@code EXCLUDED.col}, which keeps pgjdbc's reWriteBatchedInserts batching (pgjdbc
 * does not rewrite the pin_events insert, which returns rows: it goes as one pipelined batch of single-row inserts).
 */
public final class PostgresPinStore {

    static final String INSERT_EVENT = """
            INSERT INTO pin_events (event_id, ind, unique_id, title, description, poster_name, follower_count,
                tag_list, is_image_or_video, image_src, downloaded, save_location, category, ingested_at,
                topic, "partition", "offset")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id""";

    static final String UPSERT_PIN = """
            INSERT INTO pins (unique_id, ind, title, description, poster_name, follower_count, tag_list,
                is_image_or_video, image_src, downloaded, save_location, category, ingested_at,
                event_id, topic, "partition", "offset")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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

    private PostgresPinStore() {
    }

    /** Writes the events in one transaction (the caller commits). */
    public static void write(Connection connection, List<PinEvent> events) throws SQLException {
        List<PinEvent> cleaned = new ArrayList<>();
        List<PinEvent> rejects = new ArrayList<>();
        for (PinEvent event : events) {
            (event.isReject() ? rejects : cleaned).add(event);
        }
        if (!cleaned.isEmpty()) {
            List<PinEvent> firsts = firstPerEventId(cleaned);
            Set<String> inserted = insertEvents(connection, firsts);
            List<PinEvent> newEvents = firsts.stream().filter(e -> inserted.contains(e.eventId())).toList();
            if (!newEvents.isEmpty()) {
                upsertPins(connection, latestPerPin(newEvents));
            }
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
        Comparator<PinEvent> position = Comparator.comparingInt(PinEvent::partition).thenComparingLong(PinEvent::offset);
        Map<String, PinEvent> first = new LinkedHashMap<>();
        for (PinEvent event : cleaned) {
            first.merge(event.eventId(), event, (kept, candidate) -> position.compare(candidate, kept) < 0 ? candidate : kept);
        }
        return new ArrayList<>(first.values());
    }

    /**
     * The newest event of each pin, in unique_id order. One multi-row upsert may not touch a row twice, and a
     * fixed lock order keeps concurrent partitions from deadlocking.
     */
    static List<PinEvent> latestPerPin(List<PinEvent> cleaned) {
        Map<String, PinEvent> latest = new LinkedHashMap<>();
        for (PinEvent event : cleaned) {
            latest.merge(event.uniqueId(), event, (kept, candidate) -> candidate.isNewerThan(kept) ? candidate : kept);
        }
        List<PinEvent> sorted = new ArrayList<>(latest.values());
        sorted.sort(Comparator.comparing(PinEvent::uniqueId));
        return sorted;
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
            select.setArray(1, connection.createArrayOf("text", rejects.stream().map(PinEvent::topic).toArray()));
            select.setArray(2, connection.createArrayOf("int4", rejects.stream().map(PinEvent::partition).toArray()));
            select.setArray(3, connection.createArrayOf("int8", rejects.stream().map(PinEvent::offset).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    known.add(rows.getString(1) + "/" + rows.getInt(2) + "/" + rows.getLong(3));
                }
            }
        }
        return known;
    }

    /** Inserts the events that pin_events does not hold yet; returns their event_ids. */
    private static Set<String> insertEvents(Connection connection, List<PinEvent> events) throws SQLException {
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT, Statement.RETURN_GENERATED_KEYS)) {
            for (PinEvent e : events) {
                int i = 0;
                insert.setString(++i, e.eventId());
                i = setPinColumns(connection, insert, i, e, true);
                insert.setObject(++i, timestamp(e));
                insert.setString(++i, e.topic());
                insert.setInt(++i, e.partition());
                insert.setLong(++i, e.offset());
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    inserted.add(keys.getString(1));
                }
            }
        }
        return inserted;
    }

    private static void upsertPins(Connection connection, List<PinEvent> latest) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_PIN)) {
            for (PinEvent e : latest) {
                int i = 0;
                upsert.setObject(++i, UUID.fromString(e.uniqueId()));
                i = setPinColumns(connection, upsert, i, e, false);
                upsert.setObject(++i, timestamp(e));
                upsert.setString(++i, e.eventId());
                upsert.setString(++i, e.topic());
                upsert.setInt(++i, e.partition());
                upsert.setLong(++i, e.offset());
                upsert.addBatch();
            }
            upsert.executeBatch();
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

    /** Binds ind, (unique_id,) title … category; returns the last index bound. */
    private static int setPinColumns(Connection connection, PreparedStatement statement, int index, PinEvent e,
                                     boolean withUniqueId) throws SQLException {
        int i = index;
        statement.setObject(++i, e.ind(), Types.INTEGER);
        if (withUniqueId) {
            statement.setObject(++i, UUID.fromString(e.uniqueId()));
        }
        statement.setString(++i, withoutNul(e.title()));
        statement.setString(++i, withoutNul(e.description()));
        statement.setString(++i, withoutNul(e.posterName()));
        statement.setObject(++i, e.followerCount(), Types.BIGINT);
        statement.setArray(++i, tags(connection, e.tagList()));
        statement.setString(++i, e.isImageOrVideo());
        statement.setString(++i, withoutNul(e.imageSrc()));
        statement.setObject(++i, e.downloaded(), Types.BOOLEAN);
        statement.setString(++i, withoutNul(e.saveLocation()));
        statement.setString(++i, withoutNul(e.category()));
        return i;
    }

    private static Array tags(Connection connection, List<String> tags) throws SQLException {
        return tags == null ? null : connection.createArrayOf("text", tags.stream().map(PostgresPinStore::withoutNul).toArray());
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
