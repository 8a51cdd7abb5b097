package dev.pinpipeline.archive.consumer;

import dev.pinpipeline.events.DeadLetter;
import dev.pinpipeline.events.EventHeaders;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be archived to the dead-letter topic, in the project's one dead-letter format
 * (pin-events' {@link DeadLetter}, docs/events.md §4): the value unchanged, keyed by the source coordinates, with
 * the reason, the coordinates, the event's id and ingest time in headers. Delivery is at least once: the poll loop
 * waits for the sends before it commits past a poison record, and a rebuild after a crash sends it again.
 *
 * <p>A dead letter the topic refuses for good (a value near the size limit no longer fits with the added headers)
 * must not block the partition: it is sent again cut to its first {@value DeadLetter#TRUNCATED_BYTES} bytes, marked
 * {@code dlq.truncated}; the whole record stays readable in the source topic, at the coordinates in the headers,
 * while retention lasts.
 */
public class DeadLetterPublisher {

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
    public record Sent(ConsumerRecord<byte[], byte[]> record, String reason, Future<RecordMetadata> send) {}

    public Sent publish(ConsumerRecord<byte[], byte[]> record, String reason) {
        DeadLetter letter = deadLetter(record, reason);
        return new Sent(record, reason, producer.send(producerRecord(letter, record.value(), letter.headers())));
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
            log.warn(
                    "Record {}-{}@{} was refused by {} ({}); sending its first {} bytes instead",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    topic,
                    e.getCause().toString(),
                    DeadLetter.TRUNCATED_BYTES);
            DeadLetter letter = deadLetter(record, sent.reason());
            producer.send(producerRecord(
                            letter, DeadLetter.truncatedValue(record.value()), letter.truncatedHeaders(record.value())))
                    .get();
            return true;
        }
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        return DeadLetter.of(
                DeadLetter.Producer.BATCH_CONSUMER,
                reason,
                record.topic(),
                record.partition(),
                record.offset(),
                lastHeader(record, EventHeaders.EVENT_ID),
                lastHeader(record, EventHeaders.INGESTED_AT),
                record.timestamp());
    }

    private ProducerRecord<byte[], byte[]> producerRecord(
            DeadLetter letter, byte[] value, List<DeadLetter.Header> headers) {
        Headers kafkaHeaders = new RecordHeaders();
        headers.forEach(header -> kafkaHeaders.add(header.name(), header.utf8()));
        Long timestamp =
                letter.ingestedAt() == null ? null : letter.ingestedAt().toEpochMilli();
        return new ProducerRecord<>(topic, null, timestamp, letter.key(), value, kafkaHeaders);
    }

    private static byte[] lastHeader(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }
}
