package dev.pinpipeline.streaming.sink;

import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces poison records to the dead-letter topic: the raw value byte for byte, keyed by the source coordinates
 * {@code topic/partition/offset}, with headers {@code dlq.reason}, {@code dlq.topic}, {@code dlq.partition},
 * {@code dlq.offset}, {@code event_id} and {@code ingested_at}. One idempotent producer per JVM.
 */
public final class DeadLetterPublisher {

    private static final Map<String, Producer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();

    private DeadLetterPublisher() {
    }

    /** Sends the rejects and waits for every acknowledgment (so a failure is retried before the batch commits). */
    public static void publish(SinkSettings settings, List<PinEvent> rejects) throws InterruptedException {
        if (rejects.isEmpty()) {
            return;
        }
        Producer<byte[], byte[]> producer = PRODUCERS.computeIfAbsent(settings.bootstrapServers(), DeadLetterPublisher::producer);
        List<Future<?>> acks = new ArrayList<>(rejects.size());
        for (PinEvent reject : rejects) {
            acks.add(producer.send(record(settings.deadLetterTopic(), reject)));
        }
        for (Future<?> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new DeadLetterException("dead-letter topic " + settings.deadLetterTopic() + ": " + e.getCause(), e.getCause());
            }
        }
    }

    static ProducerRecord<byte[], byte[]> record(String topic, PinEvent reject) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, utf8(reject.coordinates()), utf8(reject.value()));
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

    /** The dead-letter topic did not acknowledge a record; the batch is retried. */
    public static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
