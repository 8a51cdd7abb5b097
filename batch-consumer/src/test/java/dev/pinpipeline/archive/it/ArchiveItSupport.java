package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the archive ITs share: the real broker and S3Proxy, a fresh topic per test, and the exactly-once check. */
abstract class ArchiveItSupport {

    static final String BUCKET = "archive-it";

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA, Server.S3);

    String topic;
    TestEvents events;
    ArchiveContents archive;

    @BeforeEach
    void freshTopic() throws Exception {
        topic = "pins-" + getClass().getSimpleName().toLowerCase() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        TestEvents.createTopic(infra.kafka().bootstrapServers(), topic, partitions());
        events = new TestEvents(infra.kafka().bootstrapServers(), topic);
        archive = new ArchiveContents(
                infra.s3().endpoint(), infra.s3().accessKey(), infra.s3().secretKey(), BUCKET);
    }

    @AfterEach
    void closeClients() throws InterruptedException {
        ArchiverProcess.killAll();
        events.close();
        archive.close();
    }

    int partitions() {
        return 3;
    }

    /** The shared environment variables of the brief. */
    Map<String, String> environment() {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers(),
                "PINS_TOPIC", topic,
                "S3_ENDPOINT", infra.s3().endpoint(),
                "S3_BUCKET", BUCKET,
                "AWS_REGION", infra.s3().region(),
                "AWS_ACCESS_KEY_ID", infra.s3().accessKey(),
                "AWS_SECRET_ACCESS_KEY", infra.s3().secretKey());
    }

    /** Small files, a short idle flush, a fast retry, a short session for quick rebalances. */
    Map<String, String> settings(String group, String prefix) {
        Map<String, String> settings = new HashMap<>();
        settings.put("archive.group-id", group);
        settings.put("archive.s3.prefix", prefix);
        settings.put("archive.flush-records", "50");
        settings.put("archive.idle-flush", "4s");
        settings.put("archive.poll-timeout", "200ms");
        settings.put("archive.retry-backoff", "500ms");
        settings.put("archive.retry-max-backoff", "4s");
        settings.put("archive.completeness.check-interval", "1s");
        settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        return settings;
    }

    ArchiverProcess startArchiver(String name, Map<String, String> settings) {
        return ArchiverProcess.start(name, environment(), settings);
    }

    String topicPrefix(String prefix) {
        return prefix + "/" + topic + "/";
    }

    /** The offsets the group committed on this test's topic, by partition (none before its first commit). */
    Map<Integer, Long> committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(
                Map.<String, Object>of("bootstrap.servers", infra.kafka().bootstrapServers()))) {
            Map<Integer, Long> offsets = new java.util.TreeMap<>();
            admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((partition, committed) -> {
                        if (partition.topic().equals(topic) && committed != null) {
                            offsets.put(partition.partition(), committed.offset());
                        }
                    });
            return offsets;
        }
    }

    /** The records the group has committed on this test's topic: the sum of its committed offsets. */
    long committedRecords(String group) throws Exception {
        return committedOffsets(group).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** The first {@code expected} (or more) records of the dead-letter topic. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters(String dlq, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dlq));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= expected;
            });
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Every produced event is in the archive exactly once, its pin byte-equal to the produced value. */
    void assertExactlyOnce(List<ArchiveContents.Line> lines) {
        Map<String, String> produced = events.produced();
        Map<String, Long> copies =
                lines.stream().collect(Collectors.groupingBy(ArchiveContents.Line::eventId, Collectors.counting()));
        assertThat(copies)
                .as("events archived more than once")
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        assertThat(copies.keySet()).as("archived events").containsExactlyInAnyOrderElementsOf(produced.keySet());
        Map<String, ArchiveContents.Line> byId =
                lines.stream().collect(Collectors.toMap(ArchiveContents.Line::eventId, Function.identity()));
        produced.forEach(
                (id, value) -> assertThat(byId.get(id).pin()).as("pin of " + id).isEqualTo(value));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.topic()).isEqualTo(topic);
            assertThat(line.key())
                    .matches(".*/dt=\\d{4}-\\d{2}-\\d{2}/hr=\\d{2}/" + topic + "\\+\\d+\\+\\d{20}\\.jsonl\\.gz");
        });
    }

    /** The same keys under both prefixes of this test's topic, each object byte-equal. */
    void assertSameObjects(String prefix, String referencePrefix) {
        Map<String, byte[]> actual = relative(archive.objects(topicPrefix(prefix)), prefix + "/");
        Map<String, byte[]> expected = relative(archive.objects(topicPrefix(referencePrefix)), referencePrefix + "/");
        assertThat(actual.keySet()).as("keys under %s", prefix).containsExactlyElementsOf(expected.keySet());
        actual.forEach((key, bytes) -> assertThat(bytes).as(key).isEqualTo(expected.get(key)));
    }

    private static Map<String, byte[]> relative(Map<String, byte[]> objects, String prefix) {
        Map<String, byte[]> relative = new java.util.TreeMap<>();
        objects.forEach((key, bytes) -> relative.put(key.substring(prefix.length()), bytes));
        return relative;
    }
}
