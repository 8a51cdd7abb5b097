package dev.pinpipeline.streaming.schema;

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
 * Creates and migrates the streaming job's schema with versioned plain SQL files
 * ({@code src/main/resources/db/streaming/V<n>__<what>.sql}), recorded in {@code streaming_schema_history}
 * (spark-batch keeps its own history in the same database). Each migration runs in its own transaction; a
 * transaction-level advisory lock lets several jobs start at once; an applied file that was edited afterwards is
 * refused (fix it with a new version instead). Plain JDBC rather than Flyway, which would drag a Jackson that
 * Spark's refuses.
 */
public final class SchemaMigrator {

    /** The migrations in order. A new one is appended here and as a file; applied ones are never edited. */
    static final List<String> MIGRATIONS = List.of(
            "V1__create_tables.sql",
            "V2__create_views.sql",
            "V3__create_roles.sql",
            "V4__add_reject_raw_value.sql",
            "V5__create_partition_lag.sql");

    static final String HISTORY_TABLE = "streaming_schema_history";
    private static final long LOCK_KEY = 0x70696e5f73747265L; // "pin_stre"
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

    private SchemaMigrator() {
    }

    /** Applies the pending migrations; returns how many were applied. */
    public static int migrate(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        createHistoryTable(connection);
        int applied = 0;
        for (String file : MIGRATIONS) {
            Migration migration = Migration.load(file);
            try (Statement lock = connection.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            }
            String appliedChecksum = appliedChecksums(connection).get(migration.version());
            if (appliedChecksum != null) {
                connection.commit();
                if (!appliedChecksum.equals(migration.checksum())) {
                    throw new IllegalStateException("Migration " + file + " was changed after it was applied "
                            + "(checksum " + migration.checksum() + ", applied " + appliedChecksum
                            + "): add a new migration instead of editing an applied one");
                }
                continue;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(migration.sql());
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO " + HISTORY_TABLE + " (version, description, checksum) VALUES (?, ?, ?)")) {
                record.setInt(1, migration.version());
                record.setString(2, migration.description());
                record.setString(3, migration.checksum());
                record.executeUpdate();
            }
            connection.commit();
            log.info("Schema migration {} applied: {}", migration.version(), migration.description());
            applied++;
        }
        if (applied == 0) {
            log.info("Schema is up to date (version {})", MIGRATIONS.size());
        }
        return applied;
    }

    private static void createHistoryTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " ("
                    + "version integer PRIMARY KEY, description text NOT NULL, checksum text NOT NULL, "
                    + "installed_at timestamptz NOT NULL DEFAULT now())");
        }
        connection.commit();
    }

    private static Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, checksum FROM " + HISTORY_TABLE)) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    record Migration(int version, String description, String sql, String checksum) {

        static Migration load(String file) {
            String sql = resource("db/streaming/" + file);
            int separator = file.indexOf("__");
            int version = Integer.parseInt(file.substring(1, separator));
            String description = file.substring(separator + 2, file.length() - ".sql".length()).replace('_', ' ');
            return new Migration(version, description, sql, sha256(sql));
        }

        private static String resource(String path) {
            try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("Migration not on the classpath: " + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String sha256(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
