package dev.pinpipeline.batch.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.json.JSONOptions;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The archive envelope's fields read from a line's bytes in one streaming pass: the known members are read, every
 * other member (the pin above all) is skipped token by token, so the whole line is still checked to be JSON.
 *
 * <p>It stands in for Spark's {@code from_json} with {@link RawEventTransforms#ARCHIVE_LINE} on the lines that are
 * plain envelopes, and gives the same values: the same Jackson, configured by Spark's own {@link JSONOptions}, and the
 * same reading of members (unknown names skipped, nothing after the closing brace read). Every other line — not valid
 * JSON, not an object, not starting with '{', bytes that are not UTF-8 outside the pin, a member of an unexpected type
 * (which Spark keeps as a partial result) or repeated — gives {@code null}, and is left to {@code from_json} itself.
 * That parse decodes the whole line through a character reader; this one skips the pin's bytes without decoding them.
 */
record ArchiveEnvelope(String eventId, String ingestedAt, String topic, Integer partition, Long offset) {

    private static final JsonFactory JSON = new JSONOptions(
                    scala.collection.immutable.Map$.MODULE$.<String, String>empty(), "UTC", "_corrupt_record")
            .buildJsonFactory();

    /** The members read: {@link RawEventTransforms#ARCHIVE_LINE}'s fields; its corrupt-record one is never accepted. */
    private static final List<String> MEMBERS = List.of(RawEventTransforms.ARCHIVE_LINE.fieldNames());

    private static final int PARTITION = MEMBERS.indexOf("partition");
    private static final int OFFSET = MEMBERS.indexOf("offset");
    private static final int CORRUPT_RECORD = MEMBERS.indexOf("_corrupt_record");

    /** The envelope of a plain archive line, or {@code null} when only Spark's {@code from_json} can say. */
    static ArchiveEnvelope read(byte[] line) {
        if (line.length < 2 || line[0] != '{' || line[1] == 0) {
            return null; // (a first '{' and no NUL after it: Jackson reads the bytes as UTF-8, as Spark's reader does)
        }
        try (JsonParser json = JSON.createParser(line)) {
            json.nextToken();
            return members(json, line);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@link #read} as a row of {@link RawEventTransforms#ARCHIVE_LINE} (its corrupt-record column null). */
    static Row readAsRow(byte[] line) {
        ArchiveEnvelope envelope = read(line);
        return envelope == null
                ? null
                : RowFactory.create(
                        envelope.eventId,
                        envelope.ingestedAt,
                        envelope.topic,
                        envelope.partition,
                        envelope.offset,
                        null);
    }

    /** The members of the root object, its START_OBJECT read; {@code null} when from_json must decide. */
    private static ArchiveEnvelope members(JsonParser json, byte[] line) throws IOException {
        String[] texts = new String[3];
        Integer partition = null;
        Long offset = null;
        int seen = 0;
        int pinStart = line.length;
        int pinEnd = line.length;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            int member = MEMBERS.indexOf(name);
            JsonToken value = json.nextToken();
            if (member < 0) {
                boolean firstPin = pinStart == line.length && name.equals("pin");
                if (firstPin) {
                    pinStart = (int) json.currentTokenLocation().getByteOffset();
                }
                json.skipChildren();
                if (firstPin) {
                    pinEnd = (int) json.currentLocation().getByteOffset();
                }
                continue;
            }
            if (member == CORRUPT_RECORD || (seen & (1 << member)) != 0) {
                return null; // a repeated member: Spark keeps the last one, even of another type
            }
            seen |= 1 << member;
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            if (member == PARTITION) {
                if (!isInteger(json, value, JsonParser.NumberType.INT)) {
                    return null;
                }
                partition = json.getIntValue();
            } else if (member == OFFSET) {
                if (!isInteger(json, value, JsonParser.NumberType.INT)
                        && !isInteger(json, value, JsonParser.NumberType.LONG)) {
                    return null;
                }
                offset = json.getLongValue();
            } else {
                if (value != JsonToken.VALUE_STRING) {
                    return null; // Spark would write the value as JSON text
                }
                texts[member] = json.getText();
            }
        }
        // Bytes that are not UTF-8 and that Jackson accepts (overlong forms, surrogates) are decoded otherwise by
        // Spark's reader (as U+FFFD): outside the pin, where they could be a member's name or text, the line is left to
        // it. The pin is only skipped, which both readers do alike.
        if (!isUtf8(line, 0, pinStart) || !isUtf8(line, pinEnd, line.length)) {
            return null;
        }
        return new ArchiveEnvelope(texts[0], texts[1], texts[2], partition, offset);
    }

    private static boolean isInteger(JsonParser json, JsonToken value, JsonParser.NumberType type) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT && json.getNumberType() == type;
    }

    private static boolean isUtf8(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] < 0) {
                return UTF8String.fromBytes(line, from, to - from).isValid();
            }
        }
        return true;
    }
}
