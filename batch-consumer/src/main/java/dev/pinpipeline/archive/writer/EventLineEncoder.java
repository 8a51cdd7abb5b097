package dev.pinpipeline.archive.writer;

import dev.pinpipeline.events.EventHeaders;
import dev.pinpipeline.events.EventIds;
import dev.pinpipeline.events.IngestedAt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Turns a Kafka record into an archive line (docs/events.md §2), or rejects it as poison.
 *
 * <p>{@code event_id} and {@code ingested_at} come from the headers; a record from another producer that lacks
 * them gets the record timestamp and an id derived from its coordinates, so a replay derives the same line.
 */
public final class EventLineEncoder {

    static final String EVENT_ID_HEADER = EventHeaders.EVENT_ID;
    static final String INGESTED_AT_HEADER = EventHeaders.INGESTED_AT;

    private static final DateTimeFormatter INGESTED_AT_FORMAT = IngestedAt.FORMATTER;

    /**
     * One encoder per poll loop: a thread-local buffer pool spares the shared pool's contention. Error messages
     * quote (almost) nothing of the value: they become the dead-letter reason header, which must stay small.
     */
    private final JsonFactory json = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(0)
                    .maxRawContentLength(0)
                    .build())
            .build();

    private static final byte[] EVENT_ID_FIELD = utf8("{\"event_id\":\"");
    private static final byte[] INGESTED_AT_FIELD = utf8("\",\"ingested_at\":\"");
    private static final byte[] PIN_FIELD = utf8(",\"pin\":");

    /** {@code ","topic":"…","partition":…,"offset":} of the last partition seen: records come partition by partition. */
    private String coordinatesTopic;

    private int coordinatesPartition = -1;
    private byte[] coordinates;

    /** @throws PoisonRecordException when the value is not a JSON object */
    public EventLine encode(ConsumerRecord<byte[], byte[]> record) {
        byte[] pin = checkedPin(record.value());
        byte[] ingestedAtText = lastHeader(record, INGESTED_AT_HEADER);
        Instant ingestedAt = CanonicalTimestamp.parse(ingestedAtText);
        if (ingestedAt == null) {
            // missing or not in ingest-api's form: the record timestamp, as spark-streaming reads it (events.md §1)
            ingestedAt = recordTimestamp(record);
            ingestedAtText = utf8(INGESTED_AT_FORMAT.format(ingestedAt));
        }
        return new EventLine(record.offset(), ingestedAt, prefix(eventId(record), ingestedAtText, record), pin);
    }

    /**
     * {@code {"event_id":"…","ingested_at":"…","topic":"…","partition":…,"offset":…,"pin":} written straight into
     * one array: this runs for every record, and the header values are already ASCII bytes.
     */
    private byte[] prefix(byte[] eventId, byte[] ingestedAt, ConsumerRecord<byte[], byte[]> record) {
        byte[] coordinates = coordinates(record.topic(), record.partition());
        long offset = record.offset();
        int offsetDigits = digits(offset);
        byte[] prefix = new byte
                [EVENT_ID_FIELD.length
                        + eventId.length
                        + INGESTED_AT_FIELD.length
                        + ingestedAt.length
                        + coordinates.length
                        + offsetDigits
                        + PIN_FIELD.length];
        int at = put(prefix, 0, EVENT_ID_FIELD);
        at = put(prefix, at, eventId);
        at = put(prefix, at, INGESTED_AT_FIELD);
        at = put(prefix, at, ingestedAt);
        at = put(prefix, at, coordinates);
        for (int i = at + offsetDigits - 1; i >= at; i--) {
            prefix[i] = (byte) ('0' + offset % 10);
            offset /= 10;
        }
        put(prefix, at + offsetDigits, PIN_FIELD);
        return prefix;
    }

    private byte[] coordinates(String topic, int partition) {
        if (partition != coordinatesPartition || !topic.equals(coordinatesTopic)) {
            coordinates = utf8("\",\"topic\":\"" + topic + "\",\"partition\":" + partition + ",\"offset\":");
            coordinatesTopic = topic;
            coordinatesPartition = partition;
        }
        return coordinates;
    }

    private static int digits(long offset) {
        int digits = 1;
        while (offset >= 10) {
            offset /= 10;
            digits++;
        }
        return digits;
    }

    private static int put(byte[] target, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, target, at, bytes.length);
        return at + bytes.length;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value itself when it is one JSON object. A line break can only be white space between tokens there
     * (a raw control character inside a string is invalid); it is replaced by a space so the object stays on one
     * line. Both checks count the line breaks they skip: only a value with one is scanned again.
     *
     * <p>{@link JsonObjectScan} accepts the common case in one pass over the bytes; a value it does not accept goes
     * to Jackson, which decides and gives the reason.
     */
    private byte[] checkedPin(byte[] value) {
        if (value == null || value.length == 0) {
            throw new PoisonRecordException("empty value");
        }
        requireUtf8WithoutBom(value);
        int scan = JsonObjectScan.scan(value);
        if (scan != JsonObjectScan.NOT_ACCEPTED) {
            return scan == JsonObjectScan.OBJECT_WITH_LINE_BREAK ? withoutLineBreaks(value) : value;
        }
        boolean hasLineBreak;
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), value)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new PoisonRecordException("value is a JSON " + describe(first) + ", not an object");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new PoisonRecordException("content after the JSON object");
            }
            hasLineBreak = parser.currentLocation().getLineNr() > 1;
        } catch (JacksonException e) {
            String at =
                    e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            throw new PoisonRecordException("value is not valid JSON" + at + ": " + e.getOriginalMessage());
        }
        return hasLineBreak ? withoutLineBreaks(value) : value;
    }

    /**
     * Jackson reads a byte[] in the encoding its first bytes suggest: after a byte-order mark, or as UTF-16/UTF-32
     * when one of the first two bytes is zero. The value is copied as it is into a UTF-8 line, so only UTF-8
     * without a BOM may pass; a UTF-8 JSON text starts with neither, so the first bytes tell.
     */
    private static void requireUtf8WithoutBom(byte[] value) {
        int first = value[0] & 0xff;
        int second = value.length > 1 ? value[1] & 0xff : -1;
        int third = value.length > 2 ? value[2] & 0xff : -1;
        if ((first == 0xEF && second == 0xBB && third == 0xBF)
                || (first == 0xFE && second == 0xFF)
                || (first == 0xFF && second == 0xFE)) {
            throw new PoisonRecordException("value starts with a byte-order mark (only UTF-8 without one is archived)");
        }
        if (first == 0 || second == 0) {
            throw new PoisonRecordException("value is not UTF-8 (a zero byte among its first two: UTF-16 or UTF-32)");
        }
    }

    private static String describe(JsonToken token) {
        return token == null
                ? "nothing"
                : switch (token) {
                    case START_ARRAY -> "array";
                    case VALUE_STRING -> "string";
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
                    case VALUE_TRUE, VALUE_FALSE -> "boolean";
                    case VALUE_NULL -> "null";
                    default -> token.name();
                };
    }

    private static byte[] withoutLineBreaks(byte[] value) {
        byte[] copy = null;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '\n' || value[i] == '\r') {
                if (copy == null) {
                    copy = value.clone();
                }
                copy[i] = ' ';
            }
        }
        return copy == null ? value : copy;
    }

    private static Instant recordTimestamp(ConsumerRecord<byte[], byte[]> record) {
        if (record.timestamp() < 0) {
            throw new PoisonRecordException("no ingested_at header and no record timestamp");
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static byte[] eventId(ConsumerRecord<byte[], byte[]> record) {
        byte[] header = lastHeader(record, EVENT_ID_HEADER);
        if (header != null && isCanonicalUuid(header)) {
            return header;
        }
        return utf8(derivedEventId(record.topic(), record.partition(), record.offset()));
    }

    /** Lower-case {@code 8-4-4-4-12} hex (pin-events' {@link EventIds#isCanonical(byte[])}). */
    static boolean isCanonicalUuid(byte[] text) {
        return EventIds.isCanonical(text);
    }

    static boolean isCanonicalUuid(String text) {
        return EventIds.isCanonical(text);
    }

    /** The MD5 of {@code topic/partition/offset} written as a UUID (pin-events' {@link EventIds#fromCoordinates}). */
    static String derivedEventId(String topic, int partition, long offset) {
        return EventIds.fromCoordinates(topic, partition, offset);
    }

    private static byte[] lastHeader(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }
}
