package dev.pinpipeline.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import dev.pinpipeline.schema.SchemaMigration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract's §1 text table through the streaming job, in both trigger modes (each writes PostgreSQL its own
 * way), against the real broker and PostgreSQL: text ingest-api accepts (control characters, non-characters, an
 * escaped backslash that only looks like a NUL escape) reaches pin_events and pins exactly as sent; a record another
 * producer wrote with a NUL, an unpaired surrogate (the three cases) or an encoded surrogate is a reject
 * with its raw bytes, never a row with U+FFFD or "?". The expected strings are written here by hand.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class PinTextStreamingIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA, Server.POSTGRES);

    @BeforeAll
    static void migrateSchema() { // as ./pipeline and compose do before the job starts
        SchemaMigration.migrate(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password());
    }

    private static final DateTimeFormatter INGESTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @TempDir
    Path checkpoints;

    private record Sent(String eventId, String uniqueId, byte[] value, RecordMetadata where) {}

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void acceptedTextArrivesUnchangedAndForbiddenTextIsARejectWithItsRawBytes(TriggerMode mode) throws Exception {
        String topic = "pins-text-" + mode + "-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String controls = "tab\there \u0001\u0007\u001b[0m\u001f\u007f\u0080\u0085\u009f end";
        String nonCharacters = "\ufdd0\ufdef\ufffe\uffff\ud83f\udffe\udbff\udfff\ue000\u200b\ufeff\ud83d\ude00";
        String lookAlike = "\\u0000 and \\ud800";
        List<Sent> accepted = new ArrayList<>();
        List<Sent> forbidden = new ArrayList<>();
        Sent marker;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // as ingest-api writes them: characters below U+0020 escaped, every other one as UTF-8
            accepted.add(send(
                    producer,
                    topic,
                    id -> utf8(pin(
                            id,
                            "\"title\":\"tab\\there \\u0001\\u0007\\u001b[0m"
                                    + "\\u001f\u007f\u0080\u0085\u009f end\",\"category\":\"art\\u0001\""))));
            accepted.add(send(
                    producer,
                    topic,
                    id -> utf8(pin(
                            id,
                            "\"title\":\"" + nonCharacters + "\","
                                    + "\"description\":\"\\\\u0000 and \\\\ud800\",\"category\":\"travel\""))));
            // as another producer may write them
            forbidden.add(send(producer, topic, id -> utf8(pin(id, "\"title\":\"a\\u0000b\",\"category\":\"art\""))));
            forbidden.add(send(producer, topic, id -> utf8(pin(id, "\"category\":\"art\\u0000\""))));
            forbidden.add(send(
                    producer,
                    topic,
                    id -> utf8(pin(id, "\"title\":\"\\ud800No Title Data Available\",\"category\":\"art\""))));
            forbidden.add(send(
                    producer,
                    topic,
                    id -> concat(
                            utf8("{\"index\":1,\"unique_id\":\"" + id + "\",\"title\":\"x"),
                            HexFormat.of().parseHex("eda080"),
                            utf8("\",\"category\":\"art\"}"))));
            marker = send(producer, topic, id -> utf8(pin(id, "\"title\":\"marker\",\"category\":\"art\"")));
        }

        PostgresTables tables = new PostgresTables(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password());
        try (JobProcess job = JobProcess.start(
                "PinTextStreamingIT-" + mode,
                List.of(
                        "--bootstrap-servers=" + bootstrap(),
                        "--topic=" + topic,
                        "--postgres-url=" + infra.postgres().jdbcUrl(),
                        "--postgres-user=" + infra.postgres().user(),
                        "--postgres-password=" + infra.postgres().password(),
                        "--checkpoint=" + checkpoints.resolve("checkpoint"),
                        "--trigger=" + mode,
                        "--trigger-interval=" + (mode == TriggerMode.REAL_TIME ? "5 seconds" : "0 seconds")))) {
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> (tables.events(topic).containsKey(marker.eventId())
                                    && tables.rejects(topic).size() == forbidden.size())
                            || !job.isAlive());
            assertThat(job.isAlive()).as("the job runs (log: %s)", job.log()).isTrue();
        }

        Map<String, List<String>> events = new TreeMap<>();
        tables.query(
                "SELECT event_id, title, description, category FROM pin_events WHERE topic = '" + topic + "'",
                row -> events.put(
                        row.getString(1), Arrays.asList(row.getString(2), row.getString(3), row.getString(4))));
        assertThat(events)
                .containsOnly(
                        Map.entry(accepted.get(0).eventId(), Arrays.asList(controls, null, "art\u0001")),
                        Map.entry(accepted.get(1).eventId(), Arrays.asList(nonCharacters, lookAlike, "travel")),
                        Map.entry(marker.eventId(), Arrays.asList("marker", null, "art")));
        Map<String, String> pins = new TreeMap<>();
        tables.query(
                "SELECT unique_id, title FROM pins WHERE topic = '" + topic + "'",
                row -> pins.put(row.getString(1), row.getString(2)));
        assertThat(pins)
                .containsOnly(
                        Map.entry(accepted.get(0).uniqueId(), controls),
                        Map.entry(accepted.get(1).uniqueId(), nonCharacters),
                        Map.entry(marker.uniqueId(), "marker"));

        Map<String, String> reasons = new TreeMap<>();
        tables.query(
                "SELECT \"offset\", reason FROM pin_rejects WHERE topic = '" + topic + "'",
                row -> reasons.put(Long.toString(row.getLong(1)), row.getString(2)));
        Map<String, String> expectedReasons = new TreeMap<>();
        Map<String, byte[]> raw = tables.rawRejects(topic);
        for (Sent reject : forbidden) {
            expectedReasons.put(Long.toString(reject.where().offset()), PinCleaning.FORBIDDEN_TEXT);
            assertThat(raw.get(topic + "/0/" + reject.where().offset()))
                    .as("pin_rejects.raw_value")
                    .isEqualTo(reject.value());
        }
        assertThat(reasons).isEqualTo(expectedReasons);
    }

    private interface Value {
        byte[] of(String uniqueId);
    }

    /** A pin with a new unique_id, ingest-api's headers and the current time, on partition 0. */
    private static Sent send(KafkaProducer<byte[], byte[]> producer, String topic, Value value) throws Exception {
        String uniqueId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        byte[] bytes = value.of(uniqueId);
        Instant now = Instant.now();
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, 0, now.toEpochMilli(), utf8(uniqueId), bytes);
        record.headers().add("event_id", utf8(eventId));
        record.headers().add("ingested_at", utf8(INGESTED_AT.format(now)));
        return new Sent(eventId, uniqueId, bytes, producer.send(record).get(30, TimeUnit.SECONDS));
    }

    private static String pin(String uniqueId, String members) {
        return "{\"index\":1,\"unique_id\":\"" + uniqueId + "\"," + members + "}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static String bootstrap() {
        return infra.kafka().bootstrapServers();
    }
}
