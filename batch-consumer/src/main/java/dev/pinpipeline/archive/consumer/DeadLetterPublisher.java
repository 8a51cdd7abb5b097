package dev.pinpipeline.archive.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be archived to the dead-letter topic: key, value and headers unchanged, plus the
 * reason and the source coordinates. Delivery is at least once: the poll loop waits for the sends before it
 * commits past a poison record, and a rebuild after a crash sends it again.
 *
 * <p>A copy the dead-letter topic refuses for good (a value near the size limit no longer fits with the added
 * headers) must not block the partition: it is sent again cut to its first {@value #TRUNCATED_BYTES} bytes, marked
 * {@code archive.dlq.truncated}; the whole record stays readable in the source topic, at the coordinates in the
 * headers, while retention lasts.
 */
public class DeadLetterPublisher {

    public static final String REASON = "archive.dlq.reason";
    public static final String SOURCE_TOPIC = "archive.dlq.topic";
    public static final String SOURCE_PARTITION = "archive.dlq.partition";
    public static final String SOURCE_OFFSET = "archive.dlq.offset";
    public static final String TRUNCATED = "archive.dlq.truncated";
    public static final String ORIGINAL_SIZE = "archive.dlq.original-size";
    static final int TRUNCATED_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** A dead-letter send on its way, with what it takes to send it again truncated. */
    public record Sent(ConsumerRecord<byte[], byte[]> record, String reason, Future<RecordMetadata> send) {
    }

    public Sent publish(ConsumerRecord<byte[], byte[]> record, String reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        addArchiveHeaders(headers, record, reason);
        return new Sent(record, reason, producer.send(copy(record, record.key(), record.value(), headers)));
    }

    /**
     * Waits until the dead-letter topic has the record. Returns true when it only took a truncated copy; throws
     * when a retriable error (or the truncated copy) failed: the caller retries later.
     */
    public boolean confirm(Sent sent) throws ExecutionException, InterruptedException {
        try {
            sent.send().get();
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                throw e;
            }
            ConsumerRecord<byte[], byte[]> record = sent.record();
            log.warn("Record {}-{}@{} was refused by {} ({}); sending its first {} bytes instead",
                    record.topic(), record.partition(), record.offset(), topic, e.getCause().toString(), TRUNCATED_BYTES);
            producer.send(truncated(record, sent.reason())).get();
            return true;
        }
    }

    /** Bounded whatever the record: the key and the value cut, the source's own headers left out. */
    private ProducerRecord<byte[], byte[]> truncated(ConsumerRecord<byte[], byte[]> record, String reason) {
        Headers headers = new RecordHeaders();
        addArchiveHeaders(headers, record, reason);
        headers.add(TRUNCATED, utf8("true"));
        headers.add(ORIGINAL_SIZE, utf8(Integer.toString(record.value() == null ? 0 : record.value().length)));
        return copy(record, head(record.key()), head(record.value()), headers);
    }

    private static void addArchiveHeaders(Headers headers, ConsumerRecord<byte[], byte[]> record, String reason) {
        headers.add(REASON, utf8(reason));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
    }

    private ProducerRecord<byte[], byte[]> copy(ConsumerRecord<byte[], byte[]> record, byte[] key, byte[] value,
                                                Headers headers) {
        Long timestamp = record.timestamp() < 0 ? null : record.timestamp();
        return new ProducerRecord<>(topic, null, timestamp, key, value, headers);
    }

    private static byte[] head(byte[] bytes) {
        return bytes == null || bytes.length <= TRUNCATED_BYTES ? bytes : Arrays.copyOf(bytes, TRUNCATED_BYTES);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
