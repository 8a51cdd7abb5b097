package dev.pinpipeline.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the database named by POSTGRES_URL, POSTGRES_USER and POSTGRES_PASSWORD to the latest schema with Flyway,
 * then exits: 0 migrated or already up to date, 1 failed (the reason on stderr).
 *
 * <p>A database the jobs' old hand-written runners migrated (it has {@code streaming_schema_history} or
 * {@code batch_schema_history}, no Flyway history) is adopted in place: baselined at version 0, then V1 brings it to
 * the current shape without touching its rows (V1 holds on any state those runners left). Any other non-empty database
 * without Flyway's history is refused, as Flyway does by default: it is not one of ours.
 */
public final class MigrateSchema {

    static final String LOCATION = "classpath:db/migration";

    private MigrateSchema() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String url = env.getOrDefault("POSTGRES_URL", "jdbc:postgresql://localhost:5432/pins");
        try {
            migrate(url, env.getOrDefault("POSTGRES_USER", "pins"), env.getOrDefault("POSTGRES_PASSWORD", "pins"));
        } catch (RuntimeException | SQLException e) {
            System.err.println("Schema migration of " + url + " failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Migrates and returns the version the schema is at afterwards. */
    static int migrate(String url, String user, String password) throws SQLException {
        boolean adopt = hasOldRunnersHistory(url, user, password);
        Flyway flyway = Flyway.configure()
                .dataSource(url, user, password)
                .locations(LOCATION)
                .baselineOnMigrate(adopt)
                .baselineVersion("0")
                .baselineDescription("adopted from the old schema runners") // no quote: Flyway inserts it unescaped
                .load();
        MigrateResult result = flyway.migrate();
        int version;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            version = SchemaVersion.current(connection).orElseThrow();
        }
        System.out.printf(
                "Schema of %s at version %s (%d migration(s) applied%s)%n",
                url, version, result.migrationsExecuted, adopt ? ", adopted from the old runners' history" : "");
        return version;
    }

    private static boolean hasOldRunnersHistory(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery("SELECT to_regclass('" + SchemaVersion.HISTORY_TABLE + "') IS NULL"
                                + " AND (to_regclass('streaming_schema_history') IS NOT NULL"
                                + " OR to_regclass('batch_schema_history') IS NOT NULL)")) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
