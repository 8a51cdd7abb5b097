package dev.pinpipeline.archive.writer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Kafka records in the docs/events.md §1 format, for unit tests. */
final class TestRecords {

    static final String TOPIC = "PinterestTopic";

    private TestRecords() {}

    static ConsumerRecord<byte[], byte[]> pin(int partition, long offset, Instant ingestedAt, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(
                "event_id",
                ("00000000-0000-4000-8000-" + String.format("%012d", offset)).getBytes(StandardCharsets.UTF_8));
        headers.add("ingested_at", ingestedAt.toString().getBytes(StandardCharsets.UTF_8));
        return record(partition, offset, ingestedAt.toEpochMilli(), value, headers);
    }

    static ConsumerRecord<byte[], byte[]> record(
            int partition, long offset, long timestamp, String value, RecordHeaders headers) {
        return record(
                partition, offset, timestamp, value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
    }

    static ConsumerRecord<byte[], byte[]> record(
            int partition, long offset, long timestamp, byte[] bytes, RecordHeaders headers) {
        return new ConsumerRecord<>(
                TOPIC,
                partition,
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                -1,
                bytes == null ? -1 : bytes.length,
                null,
                bytes,
                headers,
                java.util.Optional.empty());
    }

    static String value(long n) {
        return "{\"index\":" + n + ",\"unique_id\":\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\",\"category\":\"art\"}";
    }
}
