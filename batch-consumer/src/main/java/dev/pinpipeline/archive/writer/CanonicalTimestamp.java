package dev.pinpipeline.archive.writer;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads an {@code ingested_at} already in the archive's form, {@code uuuu-MM-ddTHH:mm:ss.SSSZ} (what ingest-api
 * writes), without the cost of a general ISO-8601 parse; such a header is then copied to the line as it is.
 */
final class CanonicalTimestamp {

    private CanonicalTimestamp() {
    }

    static Instant parse(String text) {
        return text == null ? null : parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The instant, or null when the text (UTF-8) is not exactly in the canonical form. */
    static Instant parse(byte[] text) {
        if (text == null || text.length != 24 || text[4] != '-' || text[7] != '-'
                || text[10] != 'T' || text[13] != ':' || text[16] != ':'
                || text[19] != '.' || text[23] != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int millis = digits(text, 20, 23);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(byte[] text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            byte c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
