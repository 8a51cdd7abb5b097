package dev.pinpipeline.archive.writer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.chrono.IsoChronology;

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
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59
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
