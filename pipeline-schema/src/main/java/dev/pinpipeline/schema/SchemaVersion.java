package dev.pinpipeline.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;

/**
 * The start-up check of both Spark jobs: the database schema is at least at the version this build's migrations reach.
 * Plain JDBC against Flyway's history table, so that the jobs need no Flyway (Spark's Jackson refuses Flyway's); the
 * jobs never migrate, {@link MigrateSchema} does, before they start.
 */
public final class SchemaVersion {

    /** The highest migration in {@code db/migration}; SchemaVersionTest fails when a migration is added without it. */
    public static final int REQUIRED = 1;

    /** The exit code of a job that stopped because the schema is older than {@link #REQUIRED}. */
    public static final int EXIT_CODE = 4;

    static final String HISTORY_TABLE = "flyway_schema_history";

    /** By name: loading the class would need Flyway, which the jobs do not have. */
    static final String MIGRATOR_MAIN = "dev.pinpipeline.schema.MigrateSchema";

    static final String HOW_TO_MIGRATE = "migrate it first: docker compose run --rm schema-migrate, or "
            + "java -cp 'pipeline-schema/target/pipeline-schema-0.1.0-SNAPSHOT.jar:pipeline-schema/target/lib/*' "
            + MIGRATOR_MAIN + " with POSTGRES_URL/USER/PASSWORD set (./pipeline does it itself)";

    private SchemaVersion() {}

    /**
     * Returns the schema version of {@code jdbcUrl}'s database; fails with {@link TooOld} unless it is at
     * {@link #REQUIRED} or later.
     */
    public static int require(Connection connection, String jdbcUrl) throws SQLException {
        OptionalInt found = current(connection);
        if (found.isEmpty() || found.getAsInt() < REQUIRED) {
            throw new TooOld(jdbcUrl, found);
        }
        return found.getAsInt();
    }

    /** The highest successfully applied migration; empty when Flyway never migrated this database. */
    static OptionalInt current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + HISTORY_TABLE + "') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return OptionalInt.empty();
                }
            }
            // Versions are whole numbers (SchemaVersionTest); the baseline row of an adopted database is version 0.
            try (ResultSet rows = statement.executeQuery(
                    "SELECT max(version::int) FROM " + HISTORY_TABLE + " WHERE success AND version IS NOT NULL")) {
                rows.next();
                int version = rows.getInt(1);
                return rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(version);
            }
        }
    }

    /** The schema is older than this build needs; the message is one line naming both versions and the fix. */
    public static final class TooOld extends IllegalStateException {

        public TooOld(String jdbcUrl, OptionalInt found) {
            super("The database schema at " + jdbcUrl + " is at version "
                    + (found.isPresent() ? found.getAsInt() : "none (no " + HISTORY_TABLE + ")")
                    + ", this job needs version " + REQUIRED + ": " + HOW_TO_MIGRATE);
        }
    }
}
