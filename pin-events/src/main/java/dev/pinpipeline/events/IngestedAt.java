package dev.pinpipeline.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
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

    public static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern(PATTERN).withZone(ZoneOffset.UTC);

    private IngestedAt() {}

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
        if (text == null
                || text.length != LENGTH
                || text[4] != '-'
                || text[7] != '-'
                || text[10] != 'T'
                || text[13] != ':'
                || text[16] != ':'
                || text[19] != '.'
                || text[23] != 'Z') {
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
        if (month < 1
                || month > 12
                || day < 1
                || day > daysIn(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return null;
        }
        long seconds = epochDay(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
        return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> IsoChronology.INSTANCE.isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a valid date of the proleptic Gregorian calendar, by arithmetic (no objects). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
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
