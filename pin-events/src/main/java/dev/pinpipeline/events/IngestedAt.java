package dev.pinpipeline.events;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The canonical form of {@code ingested_at} (docs/events.md §1): ISO-8601 UTC with milliseconds and {@code Z},
 * {@code uuuu-MM-ddTHH:mm:ss.SSSZ}, exactly {@value #LENGTH} characters, e.g. {@code 2026-11-26T13:45:50.123Z}.
 */
public final class IngestedAt {

    /** The form as a {@link DateTimeFormatter} pattern. */
    public static final String PATTERN = "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'";

    /** The same form as a Spark datetime pattern (Spark reads {@code y}, not {@code u}, as the year), for {@code to_timestamp}. */
    public static final String SPARK_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

    /** Anchored, for Spark's {@code rlike}: a text matching it has the canonical shape (its date may still be invalid). */
    public static final String REGEX = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$";

    public static final int LENGTH = 24;

    public static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern(PATTERN).withZone(ZoneOffset.UTC);

    private IngestedAt() {
    }

    /** The canonical text of an instant, cut to the millisecond. */
    public static String format(Instant instant) {
        return FORMATTER.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The instant, or null when the text is not exactly in the canonical form. */
    public static Instant parse(String text) {
        return text == null ? null : parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The instant, or null when the text (UTF-8) is not exactly in the canonical form. Checked by hand, without
     * the cost of a general ISO-8601 parse: the archiver reads a header of every record.
     */
    public static Instant parse(byte[] text) {
        if (text == null || text.length != LENGTH || text[4] != '-' || text[7] != '-'
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

    public static boolean isCanonical(String text) {
        return parse(text) != null;
    }

    /**
     * What a reader takes as the event's ingest time: the header when it is canonical, else the record timestamp
     * (epoch milliseconds); null when neither is there (a negative timestamp means none).
     */
    public static Instant fromHeaderOrTimestamp(byte[] header, long timestampMillis) {
        Instant fromHeader = parse(header);
        if (fromHeader != null) {
            return fromHeader;
        }
        return timestampMillis < 0 ? null : Instant.ofEpochMilli(timestampMillis);
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
