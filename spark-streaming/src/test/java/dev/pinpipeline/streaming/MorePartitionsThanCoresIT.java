package dev.pinpipeline.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every default, more Kafka partitions than cores: a 3-partition topic (more than the job's {@code local[2]}) and
 * the default trigger (real-time). Real-time mode would leave one partition without a core, waiting for a whole
 * 5-minute batch; the job runs in micro-batch mode instead, so records on every partition arrive within seconds.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MorePartitionsThanCoresIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA, Server.POSTGRES);

    @BeforeAll
    static void migrateSchema() { // as ./pipeline and compose do before the job starts
        SchemaMigration.migrate(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password());
    }

    private static final int PARTITIONS = 3;
    /** The latency bound once the job runs: far below the 5 minutes a partition without a core would wait. */
    private static final Duration ARRIVES_WITHIN = Duration.ofSeconds(30);

    private static final DateTimeFormatter INGESTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @TempDir
    Path checkpoints;

    @Test
    void withTheDefaultTriggerRecordsOnEveryPartitionArriveWithinSeconds() throws Exception {
        Assumptions.assumeTrue(System.getenv("STREAMING_TRIGGER") == null, "STREAMING_TRIGGER overrides the default");
        String topic = "pins-more-partitions-than-cores-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        PostgresTables tables = new PostgresTables(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password());
        try (KafkaProducer<byte[], byte[]> producer = producer();
                JobProcess job = JobProcess.start(
                        "MorePartitionsThanCoresIT",
                        List.of(
                                "--bootstrap-servers=" + bootstrap(),
                                "--topic=" + topic,
                                "--postgres-url=" + infra.postgres().jdbcUrl(),
                                "--postgres-user=" + infra.postgres().user(),
                                "--postgres-password=" + infra.postgres().password(),
                                "--checkpoint=" + checkpoints.resolve("checkpoint")))) {
            // The job is up once one record of any partition is written (JVM and Spark start: up to minutes here).
            List<String> warmUp = sendOnePerPartition(producer, topic);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> warmUp.stream().anyMatch(tables.events(topic)::containsKey) || !job.isAlive());
            assertThat(job.isAlive()).as("the job runs (log: %s)", job.log()).isTrue();

            List<String> sent = sendOnePerPartition(producer, topic);
            long start = System.nanoTime();
            await().atMost(ARRIVES_WITHIN)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> tables.events(topic).keySet().containsAll(sent));
            System.out.printf(
                    "A record on each of %d partitions reached PostgreSQL within %d ms%n",
                    PARTITIONS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

            assertThat(tables.events(topic)).containsKeys(warmUp.toArray(String[]::new));
            assertThat(job.logText())
                    .contains(
                            "Real-time mode needs one core per Kafka partition",
                            "has 3 partitions but the job has 2 cores",
                            "running in micro-batch mode instead");
        }
    }

    /** One pin per partition, with ingest-api's headers and the current time; their event ids in partition order. */
    private static List<String> sendOnePerPartition(KafkaProducer<byte[], byte[]> producer, String topic)
            throws Exception {
        List<String> eventIds = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            String uniqueId = UUID.randomUUID().toString();
            String eventId = UUID.randomUUID().toString();
            Instant now = Instant.now();
            byte[] value = ("{\"index\":" + partition + ",\"unique_id\":\"" + uniqueId + "\",\"category\":\"art\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                    topic, partition, now.toEpochMilli(), uniqueId.getBytes(StandardCharsets.UTF_8), value);
            record.headers().add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ingested_at", INGESTED_AT.format(now).getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
            eventIds.add(eventId);
        }
        return eventIds;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static String bootstrap() {
        return infra.kafka().bootstrapServers();
    }
}
