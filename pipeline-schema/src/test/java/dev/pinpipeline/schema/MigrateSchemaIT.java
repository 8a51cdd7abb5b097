package dev.pinpipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flyway against a real PostgreSQL: a new database, a second run, and databases the jobs' old runners left. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MigrateSchemaIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.POSTGRES);

    private static final AtomicInteger databases = new AtomicInteger();
    private static final List<String> STREAMING = List.of(
            "V1__create_tables.sql",
            "V2__create_views.sql",
            "V3__create_roles.sql",
            "V4__add_reject_raw_value.sql",
            "V5__create_partition_lag.sql");
    private static final List<String> BATCH = List.of(
            "V1__daily_analytics.sql", "V2__daily_summary_complete.sql", "V3__daily_category_stats_null_category.sql");

    @Test
    void aNewDatabaseGetsEveryTableViewAndRoleAtTheRequiredVersion() throws Exception {
        String url = newDatabase();
        assertThat(MigrateSchema.migrate(url, user(), password())).isEqualTo(SchemaVersion.REQUIRED);

        try (Connection c = connect(url)) {
            SchemaVersion.require(c, url);
            assertThat(query(
                            c,
                            "SELECT table_name || ':' || table_type FROM information_schema.tables "
                                    + "WHERE table_schema = 'public' ORDER BY 1"))
                    .containsExactly(
                            "category_minute_counts:VIEW",
                            "daily_category_stats:BASE TABLE",
                            "daily_rejects_by_reason:BASE TABLE",
                            "daily_summary:BASE TABLE",
                            "daily_top_posters:BASE TABLE",
                            "daily_top_tags:BASE TABLE",
                            "flyway_schema_history:BASE TABLE",
                            "pin_events:BASE TABLE",
                            "pin_post_counts:VIEW",
                            "pin_rejects:BASE TABLE",
                            "pins:BASE TABLE",
                            "streaming_partition_lag:BASE TABLE");
            assertThat(query(c, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'pins\\_%' ORDER BY 1"))
                    .containsExactly("pins_reader", "pins_writer");
        }
    }

    @Test
    void migratingAnUpToDateDatabaseAppliesNothing() throws Exception {
        String url = newDatabase();
        MigrateSchema.migrate(url, user(), password());
        List<String> history = history(url);

        assertThat(MigrateSchema.migrate(url, user(), password())).isEqualTo(SchemaVersion.REQUIRED);
        assertThat(history(url)).isEqualTo(history).hasSize(1);
    }

    @Test
    void aDatabaseBothOldRunnersMigratedIsAdoptedWithItsRowsKept() throws Exception {
        String url = newDatabase();
        try (Connection c = connect(url)) {
            applyOldRunner(c, "streaming", STREAMING);
            applyOldRunner(c, "batch", BATCH);
            insertRowsOfEveryTable(c);
        }
        List<String> rowsBefore = everyRow(url);

        // Run as ./pipeline and the tests run it: a child JVM, from the classpath the build listed.
        String output = SchemaMigration.migrate(url, user(), password());

        assertThat(output).contains("at version " + SchemaVersion.REQUIRED, "adopted from the old runners' history");
        assertThat(everyRow(url)).isEqualTo(rowsBefore);
        try (Connection c = connect(url)) {
            assertThat(SchemaVersion.current(c)).hasValue(SchemaVersion.REQUIRED);
            assertThat(query(
                            c,
                            "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%\\_schema\\_history'"
                                    + " AND table_name <> 'flyway_schema_history'"))
                    .containsExactly("0");
        }
        assertThat(shape(url)).isEqualTo(shape(migratedNewDatabase()));
    }

    @Test
    void aDatabaseOlderRunnersLeftHalfwayIsBroughtToTheSameShape() throws Exception {
        String url = newDatabase();
        try (Connection c = connect(url);
                Statement s = c.createStatement()) {
            applyOldRunner(c, "streaming", STREAMING.subList(0, 3)); // before raw_value and the lag table
            applyOldRunner(c, "batch", BATCH.subList(0, 1)); // before complete and the null category
            s.execute("INSERT INTO pin_rejects (topic, \"partition\", \"offset\", value, reason) "
                    + "VALUES ('PinterestTopic', 0, 7, '{', 'not JSON')");
            s.execute(
                    "INSERT INTO daily_summary (dt, events, cleaned, distinct_pins, rejects) VALUES ('2026-11-20', 5, 4, 3, 1)");
            s.execute("INSERT INTO daily_category_stats VALUES ('2026-11-20', 'art', 4, 3, 10, 1, 0, 0, 0.5)");
        }

        MigrateSchema.migrate(url, user(), password());

        try (Connection c = connect(url)) {
            assertThat(query(c, "SELECT value || '|' || reason || '|' || (raw_value IS NULL) FROM pin_rejects"))
                    .containsExactly("{|not JSON|true");
            assertThat(query(c, "SELECT events || '|' || complete FROM daily_summary"))
                    .containsExactly("5|true");
            // The day may now hold its null category row, as after the old V3.
            c.createStatement()
                    .execute("INSERT INTO daily_category_stats VALUES ('2026-11-20', null, 1, 1, null, 1, 0, 0, 0)");
            assertThatThrownBy(
                            () -> c.createStatement()
                                    .execute(
                                            "INSERT INTO daily_category_stats VALUES ('2026-11-20', null, 1, 1, null, 1, 0, 0, 0)"))
                    .hasMessageContaining("daily_category_stats_dt_category");
        }
        assertThat(shape(url)).isEqualTo(shape(migratedNewDatabase()));
    }

    @Test
    void aNonEmptyDatabaseThatIsNotOursIsRefused() throws Exception {
        String url = newDatabase();
        try (Connection c = connect(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE someone_elses (id int)");
        }

        assertThatThrownBy(() -> SchemaMigration.migrate(url, user(), password()))
                .hasMessageContaining("failed (exit code 1)")
                .hasMessageContaining("non-empty schema");
        try (Connection c = connect(url)) {
            assertThat(query(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                    .containsExactly("someone_elses");
        }
    }

    @Test
    void theJobsCheckRefusesAnUnmigratedDatabaseAndPassesOnceMigrated() throws Exception {
        String url = newDatabase();
        try (Connection c = connect(url)) {
            assertThat(SchemaVersion.current(c)).isEqualTo(OptionalInt.empty());
            assertThatThrownBy(() -> SchemaVersion.require(c, url))
                    .isInstanceOf(SchemaVersion.TooOld.class)
                    .hasMessageContaining("is at version none")
                    .hasMessageContaining("needs version " + SchemaVersion.REQUIRED);

            SchemaMigration.migrate(url, user(), password());

            SchemaVersion.require(c, url);
        }
    }

    /** The old scripts and the history rows as the old runners left them (their history tables, columns, checksums). */
    private static void applyOldRunner(Connection c, String job, List<String> scripts) throws Exception {
        try (Statement s = c.createStatement()) {
            if (job.equals("streaming")) {
                s.execute(
                        "CREATE TABLE streaming_schema_history (version integer PRIMARY KEY, description text NOT NULL, "
                                + "checksum text NOT NULL, installed_at timestamptz NOT NULL DEFAULT now())");
            } else {
                s.execute("CREATE TABLE batch_schema_history (version int PRIMARY KEY, script text NOT NULL, "
                        + "checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            }
            for (String script : scripts) {
                String sql = resource("legacy/" + job + "/" + script);
                s.execute(sql);
                int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
                String name = job.equals("streaming")
                        ? script.substring(script.indexOf("__") + 2, script.length() - 4)
                                .replace('_', ' ')
                        : script;
                try (PreparedStatement insert =
                        c.prepareStatement("INSERT INTO " + job + "_schema_history VALUES (?, ?, ?)")) {
                    insert.setInt(1, version);
                    insert.setString(2, name);
                    insert.setString(
                            3,
                            HexFormat.of()
                                    .formatHex(MessageDigest.getInstance("SHA-256")
                                            .digest(sql.getBytes(StandardCharsets.UTF_8))));
                    insert.executeUpdate();
                }
            }
        }
    }

    private static void insertRowsOfEveryTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO pin_events (event_id, ind, unique_id, title, tag_list, category, ingested_at, topic, "
                            + "\"partition\", \"offset\") VALUES ('e-1', 7, 'a5d3c6b0-08f5-4d7e-9b0f-5a1b2c3d4e5f', 'Tea ☕', "
                            + "ARRAY['tea','cups'], 'food', '2026-11-20T10:00:00Z', 'PinterestTopic', 1, 42)");
            s.execute("INSERT INTO pins (unique_id, ind, title, category, ingested_at, event_id, topic, \"partition\", "
                    + "\"offset\") VALUES ('a5d3c6b0-08f5-4d7e-9b0f-5a1b2c3d4e5f', 7, 'Tea ☕', 'food', "
                    + "'2026-11-20T10:00:00Z', 'e-1', 'PinterestTopic', 1, 42)");
            s.execute("INSERT INTO pin_rejects (topic, \"partition\", \"offset\", value, reason, raw_value) "
                    + "VALUES ('PinterestTopic', 0, 3, '\ufffd', 'not JSON', '\\xff00'::bytea)");
            s.execute(
                    "INSERT INTO streaming_partition_lag VALUES ('PinterestTopic', 0, 4, 9, 5, '2026-11-20T10:00:01Z')");
            s.execute("INSERT INTO daily_summary (dt, events, cleaned, distinct_pins, rejects, complete) "
                    + "VALUES ('2026-11-20', 10, 9, 8, 1, false)");
            s.execute("INSERT INTO daily_rejects_by_reason VALUES ('2026-11-20', 'not JSON', 1)");
            s.execute("INSERT INTO daily_category_stats VALUES ('2026-11-20', null, 2, 2, null, 1, 0, 0, 0), "
                    + "('2026-11-20', 'food', 7, 6, 120.5, 0.5, 0.5, 0, 1)");
            s.execute("INSERT INTO daily_top_posters VALUES ('2026-11-20', 1, 'Ada', 1200, 3, 2)");
            s.execute("INSERT INTO daily_top_tags VALUES ('2026-11-20', 1, 'tea', 3, 2)");
        }
    }

    /** Every row of every table of ours, as text, table by table. */
    private static List<String> everyRow(String url) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(url)) {
            for (String table : List.of(
                    "pin_events",
                    "pins",
                    "pin_rejects",
                    "streaming_partition_lag",
                    "daily_summary",
                    "daily_rejects_by_reason",
                    "daily_category_stats",
                    "daily_top_posters",
                    "daily_top_tags")) {
                rows.addAll(query(c, "SELECT '" + table + " ' || t::text FROM " + table + " t ORDER BY 1"));
            }
        }
        assertThat(rows).hasSize(10);
        return rows;
    }

    /** Columns, constraints, indexes, views and grants: what the schema is, whatever the path that made it. */
    private static List<String> shape(String url) throws SQLException {
        try (Connection c = connect(url)) {
            List<String> shape = new ArrayList<>();
            shape.addAll(query(
                    c,
                    "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable "
                            + "|| ' ' || coalesce(column_default, '-') FROM information_schema.columns "
                            + "WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history' ORDER BY 1"));
            shape.addAll(query(
                    c,
                    "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
                            + "FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
                            + "AND conrelid <> 'flyway_schema_history'::regclass ORDER BY 1"));
            shape.addAll(query(
                    c,
                    "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' "
                            + "AND tablename <> 'flyway_schema_history' ORDER BY 1"));
            shape.addAll(query(
                    c, "SELECT viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1"));
            shape.addAll(query(
                    c,
                    "SELECT grantee || ' ' || privilege_type || ' ' || table_name "
                            + "FROM information_schema.role_table_grants WHERE grantee LIKE 'pins\\_%' ORDER BY 1"));
            return shape;
        }
    }

    private static List<String> history(String url) throws SQLException {
        try (Connection c = connect(url)) {
            return query(
                    c,
                    "SELECT installed_rank || ' ' || version || ' ' || checksum FROM flyway_schema_history ORDER BY 1");
        }
    }

    private static String migratedNewDatabase() throws SQLException {
        String url = newDatabase();
        MigrateSchema.migrate(url, user(), password());
        return url;
    }

    private static String newDatabase() throws SQLException {
        String name = "schema_it_" + databases.incrementAndGet();
        try (Connection c = connect(infra.postgres().jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = infra.postgres().jdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user(), password());
    }

    private static String user() {
        return infra.postgres().user();
    }

    private static String password() {
        return infra.postgres().password();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = MigrateSchemaIT.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
