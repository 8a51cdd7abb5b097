package dev.pinpipeline.streaming;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Reads the job's tables into sorted maps of one-line rows, so that a whole table compares with one assertion. */
final class PostgresTables {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    PostgresTables(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    static String eventRow(
            String uniqueId,
            Integer ind,
            String title,
            Long followers,
            List<String> tags,
            String category,
            Instant ingestedAt,
            int partition,
            long offset) {
        return uniqueId + " | " + ind + " | " + title + " | " + followers + " | " + tags + " | " + category + " | "
                + ingestedAt + " | " + partition + "/" + offset;
    }

    static String pinRow(String eventId, String title, Instant ingestedAt, int partition, long offset) {
        return eventId + " | " + title + " | " + ingestedAt + " | " + partition + "/" + offset;
    }

    /** event_id → row; only the events of {@code topic}. */
    Map<String, String> events(String topic) {
        Map<String, String> rows = new TreeMap<>();
        query(
                "SELECT event_id, unique_id, ind, title, follower_count, tag_list, category, ingested_at, \"partition\", "
                        + "\"offset\" FROM pin_events WHERE topic = '" + topic + "'",
                r -> rows.put(
                        r.getString(1),
                        eventRow(
                                r.getString(2),
                                r.getInt(3),
                                r.getString(4),
                                (Long) r.getObject(5),
                                tags(r.getArray(6)),
                                r.getString(7),
                                instant(r, 8),
                                r.getInt(9),
                                r.getLong(10))));
        return rows;
    }

    /** unique_id → row; only the pins whose latest event is in {@code topic}. */
    Map<String, String> pins(String topic) {
        Map<String, String> rows = new TreeMap<>();
        query(
                "SELECT unique_id, event_id, title, ingested_at, \"partition\", \"offset\" FROM pins WHERE topic = '"
                        + topic + "'",
                r -> rows.put(
                        r.getString(1),
                        pinRow(r.getString(2), r.getString(3), instant(r, 4), r.getInt(5), r.getLong(6))));
        return rows;
    }

    /** topic/partition/offset → reason | value. */
    Map<String, String> rejects(String topic) {
        Map<String, String> rows = new TreeMap<>();
        query(
                "SELECT topic, \"partition\", \"offset\", reason, value FROM pin_rejects WHERE topic = '" + topic + "'",
                r -> rows.put(
                        r.getString(1) + "/" + r.getInt(2) + "/" + r.getLong(3),
                        r.getString(4) + " | " + r.getString(5)));
        return rows;
    }

    /** topic/partition/offset → raw_value, the reject's bytes. */
    Map<String, byte[]> rawRejects(String topic) {
        Map<String, byte[]> rows = new TreeMap<>();
        query(
                "SELECT topic, \"partition\", \"offset\", raw_value FROM pin_rejects WHERE topic = '" + topic + "'",
                r -> rows.put(r.getString(1) + "/" + r.getInt(2) + "/" + r.getLong(3), r.getBytes(4)));
        return rows;
    }

    /** partition → "next_offset/offsets_behind", the job's last reported lag on {@code topic}. */
    Map<Integer, String> partitionLag(String topic) {
        Map<Integer, String> rows = new TreeMap<>();
        query(
                "SELECT \"partition\", next_offset, offsets_behind FROM streaming_partition_lag WHERE topic = '" + topic
                        + "'",
                r -> rows.put(r.getInt(1), r.getLong(2) + "/" + r.getLong(3)));
        return rows;
    }

    /** unique_id → posts | first_posted_at | last_posted_at, from the view pin_post_counts, for these pins. */
    Map<String, String> postCounts(Collection<String> uniqueIds) {
        Map<String, String> rows = new TreeMap<>();
        if (uniqueIds.isEmpty()) {
            return rows;
        }
        String list = uniqueIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        query(
                "SELECT unique_id, posts, first_posted_at, last_posted_at FROM pin_post_counts WHERE unique_id IN ("
                        + list + ")",
                r -> rows.put(r.getString(1), postCountRow(r.getLong(2), instant(r, 3), instant(r, 4))));
        return rows;
    }

    static String postCountRow(long posts, Instant first, Instant last) {
        return posts + " | " + first + " | " + last;
    }

    /** category | minute → posts | pins, the whole view category_minute_counts (all topics). */
    Map<String, String> categoryMinuteCounts() {
        Map<String, String> rows = new TreeMap<>();
        query(
                "SELECT category, minute, posts, pins FROM category_minute_counts",
                r -> rows.put(r.getString(1) + " | " + instant(r, 2), r.getLong(3) + " | " + r.getLong(4)));
        return rows;
    }

    /** An event as the views see it. */
    record ViewEvent(String category, Instant ingestedAt, String uniqueId) {}

    /** The events of pin_events written for other topics (other tests), which the views count too. */
    List<ViewEvent> otherTopicsEvents(String topic) {
        List<ViewEvent> events = new ArrayList<>();
        query(
                "SELECT category, ingested_at, unique_id FROM pin_events WHERE topic <> '" + topic + "'",
                r -> events.add(new ViewEvent(r.getString(1), instant(r, 2), r.getString(3))));
        return events;
    }

    long count(String sql) {
        long[] count = new long[1];
        query(sql, r -> count[0] = r.getLong(1));
        return count[0];
    }

    /** Whether PostgreSQL answers (it may be stopped by a test). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    void query(String sql, RowReader reader) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
