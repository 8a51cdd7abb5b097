package dev.pinpipeline.streaming;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job asks the broker at start: create the dead-letter topic, count the source topic's partitions, and the
 * offsets each partition holds.
 */
final class KafkaTopics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

    private final Admin admin;

    KafkaTopics(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                "15000"));
    }

    /** Creates the dead-letter topic when it is missing (rather than relying on broker auto-creation). */
    void ensureExists(String topic) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                    .all()
                    .get(20, TimeUnit.SECONDS);
            log.info("Dead-letter topic {} created", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn(
                        "Could not create the dead-letter topic {} ({}); the first reject will retry",
                        topic,
                        e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            log.warn("Kafka did not answer within 20 s while creating the dead-letter topic {}", topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The topic's partition count, or empty when the topic does not exist (yet) or Kafka does not answer. */
    OptionalInt partitions(String topic) {
        try {
            return OptionalInt.of(admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(20, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size());
        } catch (ExecutionException | TimeoutException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** Each partition's oldest offset still held and its end offset (the next one to be written). */
    record Offsets(Map<Integer, Long> earliest, Map<Integer, Long> end) {}

    Offsets offsets(String topic) throws ExecutionException, TimeoutException, InterruptedException {
        int partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(20, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            earliest.put(new TopicPartition(topic, partition), OffsetSpec.earliest());
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        return new Offsets(
                byPartition(admin.listOffsets(earliest).all().get(20, TimeUnit.SECONDS)),
                byPartition(admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS)));
    }

    private static Map<Integer, Long> byPartition(
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets) {
        Map<Integer, Long> result = new TreeMap<>();
        offsets.forEach((partition, info) -> result.put(partition.partition(), info.offset()));
        return result;
    }

    @Override
    public void close() {
        admin.close();
    }
}
