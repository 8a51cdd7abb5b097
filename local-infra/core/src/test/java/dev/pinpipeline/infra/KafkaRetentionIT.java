package dev.pinpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker local-infra starts keeps records whatever their timestamps: tests write records dated on days of their
 * choosing, and Kafka's default time retention (7 days) once deleted such records under a streaming test the day
 * they turned a week old. A retention check is made to run (the check interval shortened to half a second, and a
 * probe topic with a one-second retention of its own shows it ran) before the old record is read back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaRetentionIT {

    private static final Instant A_YEAR_AGO = Instant.now().minus(Duration.ofDays(365));

    private static LocalInfra infra;
    private static Admin admin;

    @BeforeAll
    static void startBrokerWithFrequentRetentionChecks() {
        infra = LocalInfra.builder()
                .kafka()
                .kafkaProperty("log.retention.check.interval.ms", "500")
                .start();
        admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void brokerDisablesTimeAndSizeRetentionByDefault() throws Exception {
        admin.createTopics(List.of(new NewTopic("retention-defaults", 1, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);

        Config config = admin.describeConfigs(
                        List.of(new ConfigResource(ConfigResource.Type.TOPIC, "retention-defaults")))
                .all()
                .get(30, TimeUnit.SECONDS)
                .values()
                .iterator()
                .next();

        assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
    }

    @Test
    void recordTimestampedAYearAgoSurvivesARetentionCheck() throws Exception {
        admin.createTopics(List.of(
                        new NewTopic("old-records", 1, (short) 1),
                        new NewTopic("retention-probe", 1, (short) 1).configs(Map.of("retention.ms", "1000"))))
                .all()
                .get(30, TimeUnit.SECONDS);
        produceAt("old-records", "kept", A_YEAR_AGO);
        produceAt("retention-probe", "deleted", A_YEAR_AGO);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (earliestOffset("retention-probe") == 0) {
            assertThat(System.nanoTime())
                    .as("a retention check deleted the probe's record within 60 s")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }

        assertThat(earliestOffset("old-records")).isZero();
        List<ConsumerRecord<String, String>> read = Clients.consume(infra.kafka(), "old-records", 1);
        assertThat(read).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("kept");
            assertThat(record.timestamp()).isEqualTo(A_YEAR_AGO.toEpochMilli());
        });
    }

    private static void produceAt(String topic, String value, Instant timestamp) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, timestamp.toEpochMilli(), "key", value))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static long earliestOffset(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.earliest()))
                .partitionResult(partition)
                .get(30, TimeUnit.SECONDS)
                .offset();
    }
}
