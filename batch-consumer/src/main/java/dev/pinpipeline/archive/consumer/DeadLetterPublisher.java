package dev.pinpipeline.archive.consumer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records that cannot be archived to the dead-letter topic: key, value and headers unchanged, plus the
 * reason and the source coordinates. Delivery is at least once: the poll loop waits for the sends before it
 * commits past a poison record, and a rebuild after a crash sends it again.
 */
public class DeadLetterPublisher {

    public static final String REASON = "archive.dlq.reason";
    public static final String SOURCE_TOPIC = "archive.dlq.topic";
    public static final String SOURCE_PARTITION = "archive.dlq.partition";
    public static final String SOURCE_OFFSET = "archive.dlq.offset";

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    public Future<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> record, String reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, utf8(reason));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        Long timestamp = record.timestamp() < 0 ? null : record.timestamp();
        return producer.send(new ProducerRecord<>(topic, null, timestamp, record.key(), record.value(), headers));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
