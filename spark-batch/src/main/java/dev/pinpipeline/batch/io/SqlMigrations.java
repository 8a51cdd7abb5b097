package dev.pinpipeline.batch.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain versioned SQL migrations ({@code db/batch/V<n>__<description>.sql} on the classpath), recorded in this job's
 * own history table, since spark-streaming keeps its own migrations in the same database. Each pending script runs
 * in one transaction with its history row, under an advisory lock so that two runs starting together do not race.
 * A script changed after it was applied is an error, not silently skipped.
 */
public final class SqlMigrations {

    /** The scripts, in order. A new migration is a new file added here; applied files are never edited. */
    public static final List<String> SCRIPTS = List.of("V1__daily_analytics.sql", "V2__daily_summary_complete.sql",
            "V3__daily_category_stats_null_category.sql");
    static final String HISTORY_TABLE = "batch_schema_history";

    private static final Logger log = LoggerFactory.getLogger(SqlMigrations.class);
    private static final String LOCATION = "db/batch/";

    private SqlMigrations() {
    }

    static void apply(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(hashtext('" + HISTORY_TABLE + "'))");
            statement.execute("CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " ("
                    + "version int PRIMARY KEY, script text NOT NULL, checksum text NOT NULL, "
                    + "applied_at timestamptz NOT NULL DEFAULT now())");
            Map<Integer, String> applied = appliedChecksums(statement);
            for (String script : SCRIPTS) {
                int version = versionOf(script);
                String sql = load(script);
                String checksum = sha256(sql);
                if (applied.containsKey(version)) {
                    if (!applied.get(version).equals(checksum)) {
                        throw new IllegalStateException("Migration " + script + " was changed after it was applied"
                                + " (checksum in " + HISTORY_TABLE + " differs): add a new migration instead");
                    }
                    continue;
                }
                statement.execute(sql);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + HISTORY_TABLE + " (version, script, checksum) VALUES (?, ?, ?)")) {
                    insert.setInt(1, version);
                    insert.setString(2, script);
                    insert.setString(3, checksum);
                    insert.executeUpdate();
                }
                log.info("Applied migration {}", script);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static int versionOf(String script) {
        if (!script.matches("V\\d+__\\w+\\.sql")) {
            throw new IllegalArgumentException("Not a migration name (V<n>__<description>.sql): " + script);
        }
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    private static Map<Integer, String> appliedChecksums(Statement statement) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (ResultSet rows = statement.executeQuery("SELECT version, checksum FROM " + HISTORY_TABLE)) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private static String load(String script) {
        try (InputStream in = SqlMigrations.class.getClassLoader().getResourceAsStream(LOCATION + script)) {
            if (in == null) {
                throw new IllegalStateException("Migration " + LOCATION + script + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
