package dev.pinpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A three-node cluster with replication factor 3 and min.insync.replicas 2: the partition's leader SIGKILLed while
 * an acks=all producer writes, and every record the producer saw acknowledged is still there to read, before and
 * after the killed node comes back on its data.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class KafkaClusterIT {

    private static final String TOPIC = "cluster-durability";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static LocalKafkaCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalKafkaCluster.builder().brokers(3).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                .all()
                .get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAcknowledgedRecordSurvivesTheLeaderKilledMidStream() throws Exception {
        assertThat(cluster.nodes()).hasSize(3).allMatch(LocalServer::isRunning);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produceUntilStopped(acknowledged, producing), "acks-all-producer");
        producer.start();
        try {
            awaitAcknowledged(acknowledged, 200);
            LocalKafka leader = leader();
            int beforeKill = acknowledged.size();
            leader.kill();
            assertThat(leader.isRunning()).isFalse();

            awaitAcknowledged(acknowledged, beforeKill + 200);
            assertThat(leader().nodeId()).as("a new leader took over").isNotEqualTo(leader.nodeId());
            List<String> acknowledgedSoFar = List.copyOf(acknowledged);
            assertThat(readAll()).as("read with the old leader down").containsAll(acknowledgedSoFar);

            leader.start();
            awaitAcknowledged(acknowledged, acknowledged.size() + 100);
        } finally {
            producing.set(false);
            producer.join(WAIT.toMillis());
        }
        Set<String> read = new HashSet<>(readAll());
        List<String> lost = acknowledged.stream().filter(v -> !read.contains(v)).toList();
        assertThat(lost).as("acknowledged records missing after the kill").isEmpty();
        assertThat(acknowledged).hasSizeGreaterThan(500);
    }

    /** Sends numbered records with acks=all (idempotent); keeps those the cluster acknowledged. */
    private static void produceUntilStopped(ConcurrentLinkedQueue<String> acknowledged, AtomicBoolean producing) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                120_000);
        AtomicInteger sequence = new AtomicInteger();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            while (producing.get()) {
                String value = "record-" + sequence.incrementAndGet();
                producer.send(new ProducerRecord<>(TOPIC, value, value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(value);
                    }
                });
                sleep(5);
            }
            producer.flush();
        }
    }

    private static void awaitAcknowledged(ConcurrentLinkedQueue<String> acknowledged, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (acknowledged.size() < count) {
            assertThat(System.nanoTime())
                    .as("%d records acknowledged within %s", count, WAIT)
                    .isLessThan(deadline);
            sleep(50);
        }
    }

    private static LocalKafka leader() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var leader = admin.describeTopics(List.of(TOPIC))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(TOPIC)
                    .partitions()
                    .get(0)
                    .leader();
            if (leader != null && !leader.isEmpty()) {
                return cluster.node(leader.id());
            }
            assertThat(System.nanoTime()).as("a leader within %s", WAIT).isLessThan(deadline);
            sleep(200);
        }
    }

    /** Every record of the topic, from the beginning to its end offset now. */
    private static List<String> readAll() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), WAIT).get(partition);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(partition, WAIT) < end) {
                assertThat(System.nanoTime())
                        .as("read to offset %d within %s", end, WAIT)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
