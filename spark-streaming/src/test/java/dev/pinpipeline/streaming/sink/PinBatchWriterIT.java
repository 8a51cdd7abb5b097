package dev.pinpipeline.streaming.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import dev.pinpipeline.schema.SchemaMigration;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink's exactly-once effect against a real PostgreSQL: order and repetition never change the final state. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PinBatchWriterIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA, Server.POSTGRES);

    /** Relative to the test's start: dead letters reach Kafka with it, where a fixed date would one day expire. */
    private static final Instant T =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    /** {@link #T} as PostgreSQL prints a timestamptz in UTC. */
    private static final String T_IN_POSTGRES =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                            .withZone(ZoneOffset.UTC)
                            .format(T) + "+00";

    @BeforeAll
    static void migrate() {
        SchemaMigration.migrate(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password());
    }

    @Test
    void anyOrderAndAnyReplayOfTheSameEventsGivesTheSameTables() throws SQLException {
        String topic = "writer-it-" + UUID.randomUUID();
        List<PinEvent> events = events(topic, new Random(5));
        PinBatchWriter writer = new PinBatchWriter(settings());

        writer.write(events);
        List<String> once = snapshot(topic);

        List<PinEvent> replay = new ArrayList<>(events);
        replay.addAll(events.subList(0, 50));
        Collections.shuffle(replay, new Random(7));
        for (int from = 0; from < replay.size(); from += 37) {
            writer.write(replay.subList(from, Math.min(replay.size(), from + 37)));
        }

        assertThat(snapshot(topic)).isEqualTo(once);
        assertThat(count("SELECT count(*) FROM pin_events WHERE topic = '" + topic + "'"))
                .isEqualTo(200);
        assertThat(count("SELECT count(*) FROM pin_rejects WHERE topic = '" + topic + "'"))
                .isEqualTo(10);
    }

    @Test
    void anEventIdAlreadyWrittenIsSkippedEntirelyAndPinsKeepsItsFirstRecord() throws SQLException {
        String topic = "retry-it-" + UUID.randomUUID();
        String pin = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        PinEvent first = pin(topic, eventId, pin, "first", T, 3);
        PinEvent retry = pin(topic, eventId, pin, "retry", T.plusSeconds(2), 9);
        PinBatchWriter writer = new PinBatchWriter(settings());

        writer.write(List.of(first));
        writer.write(List.of(retry));
        List<String> acrossBatches = snapshot(topic);
        writer.write(List.of(retry, first));
        writer.write(List.of(first, retry));

        assertThat(acrossBatches)
                .containsExactly(
                        eventId + " | " + pin + " | first | {a} | " + T_IN_POSTGRES + " | 3 | ",
                        pin + " | " + eventId + " | first | 7 | " + T_IN_POSTGRES + " | 3 | ");
        assertThat(snapshot(topic))
                .as("both records in one batch, in any order, and replays")
                .isEqualTo(acrossBatches);
    }

    @Test
    void aRejectKeepsItsBytesInRawValueAndReadableTextInValue() throws SQLException {
        String topic = "reject-bytes-it-" + UUID.randomUUID();
        byte[] raw = {0x7b, (byte) 0xff, (byte) 0xfe, 0x00, 0x41, 0x20, 0x63, 0x61, 0x66, (byte) 0xe9};
        PinEvent reject = new PinEvent(
                UUID.randomUUID().toString(),
                T,
                topic,
                0,
                5,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                raw,
                "not a JSON object");

        new PinBatchWriter(settings()).write(List.of(reject));

        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT raw_value, value FROM pin_rejects WHERE topic = '" + topic + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBytes(1)).isEqualTo(raw);
            assertThat(row.getString(2)).isEqualTo("{\uFFFD\uFFFD\uFFFDA caf\uFFFD");
        }
    }

    @Test
    void theReadOnlyRoleReadsEverythingAndWritesNothing() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE pins_reader");
            statement
                    .executeQuery("SELECT count(*) FROM pins, category_minute_counts, pin_post_counts LIMIT 1")
                    .close();
            assertThatThrownBy(() -> statement.execute("DELETE FROM pins")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void theWriterRoleIsEnoughForTheSink() throws SQLException {
        String topic = "writer-role-" + UUID.randomUUID();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET ROLE pins_writer");
            PostgresPinStore.write(connection, events(topic, new Random(9)).subList(0, 20));
            connection.commit();
            assertThatThrownBy(() -> statement.execute("DROP TABLE pins")).hasMessageContaining("must be owner");
        }
    }

    /** 200 cleaned events of 20 pins at random times (many late), plus 10 rejects. */
    private static List<PinEvent> events(String topic, Random random) {
        List<String> pins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pins.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        List<PinEvent> events = new ArrayList<>();
        for (int offset = 0; offset < 210; offset++) {
            Instant at = T.plusSeconds(random.nextInt(100)); // same-second ties decided by offset
            if (offset % 21 == 20) {
                events.add(new PinEvent(
                        UUID.randomUUID().toString(),
                        at,
                        topic,
                        offset % 2,
                        offset,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "not json \0 at all".getBytes(StandardCharsets.UTF_8),
                        "not a JSON object"));
                continue;
            }
            events.add(new PinEvent(
                    UUID.randomUUID().toString(),
                    at,
                    topic,
                    offset % 2,
                    offset,
                    offset,
                    pins.get(random.nextInt(pins.size())),
                    "title " + offset,
                    null,
                    "poster",
                    5L * offset,
                    offset % 3 == 0 ? null : List.of("a", "b " + offset),
                    "image",
                    null,
                    offset % 2 == 0,
                    "/data/art",
                    "art",
                    null,
                    null));
        }
        return events;
    }

    private static PinEvent pin(String topic, String eventId, String uniqueId, String title, Instant at, long offset) {
        return new PinEvent(
                eventId,
                at,
                topic,
                0,
                offset,
                1,
                uniqueId,
                title,
                null,
                null,
                7L,
                List.of("a"),
                "image",
                null,
                true,
                "/data/art",
                "art",
                null,
                null);
    }

    private static List<String> snapshot(String topic) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String sql : List.of(
                "SELECT event_id, unique_id, title, tag_list, ingested_at, \"offset\" FROM pin_events WHERE topic = ? ORDER BY 1",
                "SELECT unique_id, event_id, title, follower_count, ingested_at, \"offset\" FROM pins WHERE topic = ? ORDER BY 1",
                "SELECT \"offset\", reason, value FROM pin_rejects WHERE topic = ? ORDER BY 1")) {
            try (Connection connection = connect();
                    var statement = connection.prepareStatement(sql)) {
                statement.setString(1, topic);
                try (ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            row.append(result.getString(c)).append(" | ");
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static SinkSettings settings() {
        return new SinkSettings(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password(),
                infra.kafka().bootstrapServers(),
                "writer-it.dlq",
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password());
    }
}
