package dev.pinpipeline.archive.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces events in the docs/events.md §1 format with a plain KafkaProducer, using the real pins in
 * {@code ../data/real-pins/}, and remembers each value by event_id.
 */
final class TestEvents implements AutoCloseable {

    private static final Pattern UNIQUE_ID = Pattern.compile("\"unique_id\": ?\"([^\"]+)\"");
    private static final List<String> REAL_PINS = realPins();

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, String> produced = new ConcurrentHashMap<>();
    private int next;

    TestEvents(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // One batch in flight: on a loaded machine the first send to a new topic can meet NOT_LEADER_OR_FOLLOWER,
        // and batches already in flight behind it then failed OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery
        // timeout, losing test events.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
    }

    static void createTopic(String bootstrapServers, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
            // the first sends go to partitions that already have their leader
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                                    .allMatch(partition -> partition.leader() != null));
        }
    }

    private static List<String> realPins() {
        try (Stream<Path> files = Files.list(Path.of("../data/real-pins"))) {
            List<String> pins = new ArrayList<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank())
                        .forEach(pins::add);
            }
            return pins;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event ingested now, to the partition of its key. */
    String send() {
        return send(Instant.now(), null);
    }

    /** One event with the given ingest time; {@code partition} null = by key. */
    synchronized String send(Instant ingestedAt, Integer partition) {
        String value = REAL_PINS.get(next++ % REAL_PINS.size());
        Matcher id = UNIQUE_ID.matcher(value);
        String key = id.find() ? id.group(1) : UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
        headers.add("ingested_at", ingestedAt.toString().getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(
                topic,
                partition,
                ingestedAt.toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8),
                headers));
        produced.put(eventId, value);
        return eventId;
    }

    /** A record that is not JSON, as some other producer might write. */
    void sendPoison(int partition, String value) {
        sendPoison(partition, value.getBytes(StandardCharsets.UTF_8));
    }

    void sendPoison(int partition, byte[] value) {
        producer.send(new ProducerRecord<>(topic, partition, null, value));
    }

    void flush() {
        producer.flush();
    }

    /** event_id → the value produced. */
    Map<String, String> produced() {
        return produced;
    }

    @Override
    public void close() {
        producer.close();
    }
}
