package dev.pinpipeline.batch.io;

import dev.pinpipeline.batch.report.DayResult;
import dev.pinpipeline.schema.SchemaVersion;
import dev.pinpipeline.spark.PostgresSettings;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day's analytics in PostgreSQL ({@code daily_*} tables, migrated by pipeline-schema). A day is replaced as a whole in
 * one transaction: readers see the old rows or the new ones, never both or a mix, and a re-run never doubles rows.
 */
public final class AnalyticsDatabase {

    public static final List<String> DAY_TABLES = List.of(
            "daily_summary", "daily_rejects_by_reason", "daily_category_stats", "daily_top_posters", "daily_top_tags");

    private static final Logger log = LoggerFactory.getLogger(AnalyticsDatabase.class);

    private final PostgresSettings settings;

    public AnalyticsDatabase(PostgresSettings settings) {
        this.settings = settings;
    }

    /** Fails with {@link SchemaVersion.TooOld} unless pipeline-schema migrated the database to what this job needs. */
    public void checkSchema() {
        try (Connection connection = connect()) {
            SchemaVersion.require(connection, settings.jdbcUrl());
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot check the schema version at " + settings.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    public void replaceDay(DayResult day) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                Date dt = Date.valueOf(day.day());
                for (String table : DAY_TABLES) {
                    try (PreparedStatement delete =
                            connection.prepareStatement("DELETE FROM " + table + " WHERE dt = ?")) {
                        delete.setDate(1, dt);
                        delete.executeUpdate();
                    }
                }
                insertSummary(connection, dt, day);
                insertRejects(connection, dt, day.rejectsByReason());
                insertCategories(connection, dt, day.categories());
                insertPosters(connection, dt, day.topPosters());
                insertTags(connection, dt, day.topTags());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot write dt=" + day.day() + " to " + settings.jdbcUrl() + ": " + e.getMessage(), e);
        }
        log.info("Replaced dt={} in PostgreSQL tables {}", day.day(), DAY_TABLES);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    private static void insertSummary(Connection connection, Date dt, DayResult day) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO daily_summary (dt, events, cleaned, distinct_pins, rejects, complete) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setDate(1, dt);
            insert.setLong(2, day.events());
            insert.setLong(3, day.cleaned());
            insert.setLong(4, day.distinctPins());
            insert.setLong(5, day.rejects());
            insert.setBoolean(6, day.complete());
            insert.executeUpdate();
        }
    }

    private static void insertRejects(Connection connection, Date dt, Map<String, Long> rejects) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO daily_rejects_by_reason (dt, reason, rejects) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Long> reason : rejects.entrySet()) {
                insert.setDate(1, dt);
                insert.setString(2, reason.getKey());
                insert.setLong(3, reason.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertCategories(Connection connection, Date dt, List<DayResult.CategoryStat> rows)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO daily_category_stats (dt, category,"
                + " posts, distinct_pins, median_follower_count, share_image, share_video, share_story, share_downloaded)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DayResult.CategoryStat row : rows) {
                insert.setDate(1, dt);
                insert.setString(2, row.category());
                insert.setLong(3, row.posts());
                insert.setLong(4, row.distinctPins());
                if (row.medianFollowerCount() == null) {
                    insert.setNull(5, Types.DOUBLE);
                } else {
                    insert.setDouble(5, row.medianFollowerCount());
                }
                insert.setDouble(6, row.shareImage());
                insert.setDouble(7, row.shareVideo());
                insert.setDouble(8, row.shareStory());
                insert.setDouble(9, row.shareDownloaded());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertPosters(Connection connection, Date dt, List<DayResult.TopPoster> rows)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO daily_top_posters"
                + " (dt, rank, poster_name, follower_count, posts, distinct_pins) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (DayResult.TopPoster row : rows) {
                insert.setDate(1, dt);
                insert.setInt(2, row.rank());
                insert.setString(3, row.posterName());
                insert.setLong(4, row.followerCount());
                insert.setLong(5, row.posts());
                insert.setLong(6, row.distinctPins());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertTags(Connection connection, Date dt, List<DayResult.TopTag> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO daily_top_tags (dt, rank, tag, posts, distinct_pins) VALUES (?, ?, ?, ?, ?)")) {
            for (DayResult.TopTag row : rows) {
                insert.setDate(1, dt);
                insert.setInt(2, row.rank());
                insert.setString(3, row.tag());
                insert.setLong(4, row.posts());
                insert.setLong(5, row.distinctPins());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
