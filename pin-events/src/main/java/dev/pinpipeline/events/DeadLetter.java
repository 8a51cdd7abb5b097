package dev.pinpipeline.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A record that cannot be processed, as it goes to the dead-letter topic {@code {topic}.dlq} (docs/events.md §4).
 * Both producers, batch-consumer (a value it cannot archive) and spark-streaming (a reject of pin-cleaning), write
 * the same format:
 * <ul>
 *   <li>key: the source coordinates {@code topic/partition/offset}, UTF-8;</li>
 *   <li>value: the source record's value, byte for byte;</li>
 *   <li>headers, UTF-8 text: {@value #PRODUCER}, {@value #REASON}, {@value #SOURCE_TOPIC},
 *       {@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}, and the event's {@code event_id} and
 *       {@code ingested_at} as a reader takes them (docs/events.md §1; {@code ingested_at} left out when the record
 *       has neither the header nor a timestamp).</li>
 * </ul>
 * A dead letter Kafka refuses for good (too large once the key and headers are added to a value the source topic
 * just accepted) is sent again with its value cut to its first {@value #TRUNCATED_BYTES} bytes and two more headers,
 * {@value #TRUNCATED} ({@code true} when the value was cut) and {@value #ORIGINAL_SIZE} (the value's size in
 * bytes); the whole record stays in the source topic, at the coordinates in the headers, while retention lasts.
 *
 * @param producer   which module sent it
 * @param reason     why the record was not processed
 * @param topic      the source topic
 * @param partition  the source partition
 * @param offset     the source offset
 * @param eventId    the event's id, canonical
 * @param ingestedAt the event's ingest time, or null
 */
public record DeadLetter(
        Producer producer,
        String reason,
        String topic,
        int partition,
        long offset,
        String eventId,
        Instant ingestedAt) {

    public static final String PRODUCER = "dlq.producer";
    public static final String REASON = "dlq.reason";
    public static final String SOURCE_TOPIC = "dlq.topic";
    public static final String SOURCE_PARTITION = "dlq.partition";
    public static final String SOURCE_OFFSET = "dlq.offset";
    public static final String TRUNCATED = "dlq.truncated";
    public static final String ORIGINAL_SIZE = "dlq.original-size";

    /** The most a truncated dead letter keeps of the value: 64 KiB. */
    public static final int TRUNCATED_BYTES = 64 * 1024;

    public static final String TOPIC_SUFFIX = ".dlq";

    /** The modules that send dead letters, by the name in {@value #PRODUCER}. */
    public enum Producer {
        BATCH_CONSUMER("batch-consumer"),
        SPARK_STREAMING("spark-streaming");

        private final String text;

        Producer(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A header: its name and UTF-8 text. */
    public record Header(String name, String value) {

        public byte[] utf8() {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The dead-letter topic of a topic: {@code {topic}.dlq}. */
    public static String topicFor(String sourceTopic) {
        return sourceTopic + TOPIC_SUFFIX;
    }

    /**
     * The dead letter of a Kafka record, with {@code event_id} and {@code ingested_at} read from its headers as
     * every reader reads them (the canonical header, else the id of the coordinates and the record timestamp).
     */
    public static DeadLetter of(
            Producer producer,
            String reason,
            String topic,
            int partition,
            long offset,
            byte[] eventIdHeader,
            byte[] ingestedAtHeader,
            long timestampMillis) {
        return new DeadLetter(
                producer,
                reason,
                topic,
                partition,
                offset,
                EventIds.fromHeaderOrCoordinates(eventIdHeader, topic, partition, offset),
                IngestedAt.fromHeaderOrTimestamp(ingestedAtHeader, timestampMillis));
    }

    /** {@code topic/partition/offset}, UTF-8. */
    public byte[] key() {
        return EventIds.coordinates(topic, partition, offset).getBytes(StandardCharsets.UTF_8);
    }

    /** The headers of the dead letter, in this order. */
    public List<Header> headers() {
        List<Header> headers = new ArrayList<>(7);
        headers.add(new Header(PRODUCER, producer.text()));
        headers.add(new Header(REASON, reason));
        headers.add(new Header(SOURCE_TOPIC, topic));
        headers.add(new Header(SOURCE_PARTITION, Integer.toString(partition)));
        headers.add(new Header(SOURCE_OFFSET, Long.toString(offset)));
        headers.add(new Header(EventHeaders.EVENT_ID, eventId));
        if (ingestedAt != null) {
            headers.add(new Header(EventHeaders.INGESTED_AT, IngestedAt.format(ingestedAt)));
        }
        return headers;
    }

    /** The headers of a truncated copy: the dead letter's, then whether the value was cut and its whole size. */
    public List<Header> truncatedHeaders(byte[] value) {
        List<Header> headers = headers();
        headers.add(new Header(TRUNCATED, Boolean.toString(value != null && value.length > TRUNCATED_BYTES)));
        headers.add(new Header(ORIGINAL_SIZE, Integer.toString(value == null ? 0 : value.length)));
        return headers;
    }

    /** The value of a truncated copy: at most the first {@value #TRUNCATED_BYTES} bytes. */
    public static byte[] truncatedValue(byte[] value) {
        return value == null || value.length <= TRUNCATED_BYTES ? value : Arrays.copyOf(value, TRUNCATED_BYTES);
    }
}
