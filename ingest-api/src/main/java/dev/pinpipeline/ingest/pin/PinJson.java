package dev.pinpipeline.ingest.pin;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads request bodies into JSON trees (once per pin) and writes accepted pins back to bytes.
 *
 * <p>Stricter than Jackson's defaults on purpose: a duplicate field, trailing content after the value, or nesting
 * deeper than {@value #MAX_NESTING_DEPTH} levels is malformed JSON (a pin's fields are all scalars, so deep
 * nesting can only be an attack or a mistake). Bytes that are not well-formed UTF-8 are malformed JSON too.
 *
 * <p>Only UTF-8 is read (RFC 8259 §8.1); a leading UTF-8 byte order mark is ignored, as the RFC allows. Jackson
 * would detect UTF-16 and UTF-32 and read them: their byte order marks are not UTF-8, and without one their text
 * has NUL bytes (JSON's first character is ASCII), which UTF-8 JSON never has (U+0000 must be escaped). So a NUL
 * byte or a byte that is not UTF-8 makes the body malformed before Jackson sees it.
 */
public final class PinJson {

    static final int MAX_NESTING_DEPTH = 32;

    private static final String UTF8_ONLY = "; JSON must be UTF-8 (RFC 8259 §8.1).";

    private final JsonMapper mapper;

    public PinJson() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** One JSON value from {@code body[offset, offset + length)}. */
    public JsonNode readValue(byte[] body, int offset, int length) {
        checkNoNulByte(body, offset, length);
        checkUtf8(body, offset, length, "");
        JsonNode node;
        try {
            node = mapper.readTree(body, offset, length);
        } catch (JacksonException ex) {
            throw malformed(ex, "");
        }
        if (node == null || node.isMissingNode()) {
            throw new PinRejectedException(RejectionReason.MALFORMED_JSON, "The body is empty: expected a JSON value.");
        }
        return node;
    }

    public JsonNode readValue(byte[] body) {
        return readValue(body, 0, body.length);
    }

    /**
     * The lines of an NDJSON body, each parsed on its own: a malformed line is reported for that line only.
     * Blank lines are skipped. A body with a NUL byte is not UTF-8 at all (UTF-16 or UTF-32), so its lines cannot
     * even be found: the whole body is malformed.
     */
    public List<NdjsonLine> readLines(byte[] body) {
        checkNoNulByte(body, 0, body.length);
        List<NdjsonLine> lines = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            lineNumber++;
            if (!isBlank(body, start, end)) {
                lines.add(readLine(body, start, end, lineNumber));
            }
            start = end + 1;
        }
        return lines;
    }

    private NdjsonLine readLine(byte[] body, int start, int end, int lineNumber) {
        try {
            checkUtf8(body, start, end - start, "line " + lineNumber + ": ");
            return new NdjsonLine(lineNumber, mapper.readTree(body, start, end - start), null);
        } catch (JacksonException ex) {
            return new NdjsonLine(
                    lineNumber, null, malformed(ex, "line " + lineNumber + ": ").getMessage());
        } catch (PinRejectedException ex) {
            return new NdjsonLine(lineNumber, null, ex.getMessage());
        }
    }

    /** The pin's JSON as it goes to Kafka. */
    public byte[] write(ObjectNode pin) {
        return mapper.writeValueAsBytes(pin);
    }

    private static void checkUtf8(byte[] body, int offset, int length, String prefix) {
        int invalid = Utf8.firstInvalidByte(body, offset, length);
        if (invalid >= 0) {
            throw new PinRejectedException(
                    RejectionReason.MALFORMED_JSON,
                    prefix + "Malformed JSON: not valid UTF-8 at byte " + (invalid - offset) + UTF8_ONLY);
        }
    }

    private static void checkNoNulByte(byte[] body, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (body[i] == 0) {
                throw new PinRejectedException(
                        RejectionReason.MALFORMED_JSON,
                        "Malformed JSON: a NUL byte at byte " + (i - offset) + ", so not UTF-8 (UTF-16 or UTF-32?)"
                                + UTF8_ONLY);
            }
        }
    }

    private static boolean isBlank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static PinRejectedException malformed(JacksonException ex, String prefix) {
        TokenStreamLocation location = ex.getLocation();
        String where = (location == null || location.getLineNr() < 0)
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        String what = firstLine(ex.getOriginalMessage());
        return new PinRejectedException(RejectionReason.MALFORMED_JSON, prefix + "Malformed JSON: " + what + where);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * One NDJSON line: its value, or why it could not be read.
     *
     * @param number the line number, from 1
     * @param value the parsed value, null when the line is malformed
     * @param error why the line is malformed, null when it was read
     */
    public record NdjsonLine(int number, JsonNode value, String error) {}
}
