package dev.pinpipeline.streaming.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces poison records to the dead-letter topic: the raw value byte for byte, keyed by the source coordinates
 * {@code topic/partition/offset}, with headers {@code dlq.reason}, {@code dlq.topic}, {@code dlq.partition},
 * {@code dlq.offset}, {@code event_id} and {@code ingested_at}. One idempotent producer per JVM.
 *
 * <p>A dead letter that Kafka refuses for good (too large once the key and headers are added to a value the source
 * topic just accepted, or any other non-retriable error) is produced again with its value cut to its first
 * {@link #TRUNCATED_VALUE_BYTES} bytes and the headers {@code dlq.truncated} and {@code dlq.original-size}: a reject
 * never stops the stream, and pin_rejects keeps the whole value.
 */
public final class DeadLetterPublisher {

    static final int TRUNCATED_VALUE_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final Map<String, Producer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();

    private DeadLetterPublisher() {
    }

    /** Sends the rejects and waits for every acknowledgment (so a failure is retried before the batch commits). */
    public static void publish(SinkSettings settings, List<PinEvent> rejects) throws InterruptedException {
        if (rejects.isEmpty()) {
            return;
        }
        Producer<byte[], byte[]> producer = PRODUCERS.computeIfAbsent(settings.bootstrapServers(), DeadLetterPublisher::producer);
        String topic = settings.deadLetterTopic();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rejects.size());
        for (PinEvent reject : rejects) {
            acks.add(producer.send(record(topic, reject)));
        }
        for (int i = 0; i < rejects.size(); i++) {
            Throwable failure = failure(acks.get(i));
            if (failure != null && !(failure instanceof RetriableException)) {
                PinEvent reject = rejects.get(i);
                log.warn("Kafka refused the dead letter of {} ({}); producing it with its value cut to {} bytes",
                        reject.coordinates(), failure.getMessage(), TRUNCATED_VALUE_BYTES);
                failure = failure(producer.send(truncatedRecord(topic, reject)));
            }
            if (failure != null) {
                throw new DeadLetterException("dead-letter topic " + topic + ": " + failure, failure);
            }
        }
    }

    static ProducerRecord<byte[], byte[]> record(String topic, PinEvent reject) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, utf8(reject.coordinates()), reject.rawValue());
        record.headers()
                .add("dlq.reason", utf8(reject.rejectReason()))
                .add("dlq.topic", utf8(reject.topic()))
                .add("dlq.partition", utf8(Integer.toString(reject.partition())))
                .add("dlq.offset", utf8(Long.toString(reject.offset())))
                .add("event_id", utf8(reject.eventId()));
        if (reject.ingestedAt() != null) {
            record.headers().add("ingested_at", utf8(reject.ingestedAt().toString()));
        }
        return record;
    }

    /** The fallback: the same dead letter with at most the first {@link #TRUNCATED_VALUE_BYTES} bytes of the value. */
    static ProducerRecord<byte[], byte[]> truncatedRecord(String topic, PinEvent reject) {
        ProducerRecord<byte[], byte[]> full = record(topic, reject);
        byte[] value = reject.rawValue();
        boolean cut = value != null && value.length > TRUNCATED_VALUE_BYTES;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, full.key(),
                cut ? Arrays.copyOf(value, TRUNCATED_VALUE_BYTES) : value, full.headers());
        record.headers()
                .add("dlq.truncated", utf8(Boolean.toString(cut)))
                .add("dlq.original-size", utf8(Integer.toString(value == null ? 0 : value.length)));
        return record;
    }

    /** The send's failure, or null once Kafka acknowledged it. */
    private static Throwable failure(Future<RecordMetadata> ack) throws InterruptedException {
        try {
            ack.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static Producer<byte[], byte[]> producer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "pin-streaming-dlq");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    /**
     * The dead-letter topic did not acknowledge a record; the batch is retried when the cause is retriable (Kafka
     * down or electing a leader), and fails otherwise.
     */
    public static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
