package dev.pinpipeline.streaming.sink;

import dev.pinpipeline.events.DeadLetter;
import java.util.ArrayList;
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
 * Produces poison records to the dead-letter topic, in the project's one dead-letter format (pin-events'
 * {@link DeadLetter}, docs/events.md §4): the raw value byte for byte, keyed by the source coordinates
 * {@code topic/partition/offset}, with headers {@code dlq.producer}, {@code dlq.reason}, {@code dlq.topic},
 * {@code dlq.partition}, {@code dlq.offset}, {@code event_id} and {@code ingested_at}. One idempotent producer per
 * JVM.
 *
 * <p>A dead letter that Kafka refuses for good (too large once the key and headers are added to a value the source
 * topic just accepted, or any other non-retriable error) is produced again with its value cut to its first
 * {@value DeadLetter#TRUNCATED_BYTES} bytes and the headers {@code dlq.truncated} and {@code dlq.original-size}: a
 * reject never stops the stream, and pin_rejects keeps the whole value.
 */
public final class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final Map<String, Producer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();

    private DeadLetterPublisher() {}

    /** Sends the rejects and waits for every acknowledgment (so a failure is retried before the batch commits). */
    public static void publish(SinkSettings settings, List<PinEvent> rejects) throws InterruptedException {
        if (rejects.isEmpty()) {
            return;
        }
        Producer<byte[], byte[]> producer =
                PRODUCERS.computeIfAbsent(settings.bootstrapServers(), DeadLetterPublisher::producer);
        String topic = settings.deadLetterTopic();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rejects.size());
        for (PinEvent reject : rejects) {
            acks.add(producer.send(record(topic, reject)));
        }
        for (int i = 0; i < rejects.size(); i++) {
            Throwable failure = failure(acks.get(i));
            if (failure != null && !(failure instanceof RetriableException)) {
                PinEvent reject = rejects.get(i);
                log.warn(
                        "Kafka refused the dead letter of {} ({}); producing it with its value cut to {} bytes",
                        reject.coordinates(),
                        failure.getMessage(),
                        DeadLetter.TRUNCATED_BYTES);
                failure = failure(producer.send(truncatedRecord(topic, reject)));
            }
            if (failure != null) {
                throw new DeadLetterException("dead-letter topic " + topic + ": " + failure, failure);
            }
        }
    }

    static ProducerRecord<byte[], byte[]> record(String topic, PinEvent reject) {
        DeadLetter letter = deadLetter(reject);
        return producerRecord(topic, letter, reject.rawValue(), letter.headers());
    }

    /** The fallback: the dead letter with at most the first {@value DeadLetter#TRUNCATED_BYTES} bytes of the value. */
    static ProducerRecord<byte[], byte[]> truncatedRecord(String topic, PinEvent reject) {
        DeadLetter letter = deadLetter(reject);
        return producerRecord(
                topic,
                letter,
                DeadLetter.truncatedValue(reject.rawValue()),
                letter.truncatedHeaders(reject.rawValue()));
    }

    private static DeadLetter deadLetter(PinEvent reject) {
        return new DeadLetter(
                DeadLetter.Producer.SPARK_STREAMING,
                reject.rejectReason(),
                reject.topic(),
                reject.partition(),
                reject.offset(),
                reject.eventId(),
                reject.ingestedAt());
    }

    private static ProducerRecord<byte[], byte[]> producerRecord(
            String topic, DeadLetter letter, byte[] value, List<DeadLetter.Header> headers) {
        Long timestamp =
                letter.ingestedAt() == null ? null : letter.ingestedAt().toEpochMilli();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, timestamp, letter.key(), value);
        headers.forEach(header -> record.headers().add(header.name(), header.utf8()));
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
