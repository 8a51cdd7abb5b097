package dev.pinpipeline.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The {@code event_id} (docs/events.md §1): its canonical form, a UUID as lower-case {@code 8-4-4-4-12} hex, and
 * how it is derived: at random, from an {@code Idempotency-Key}, or from the record's Kafka coordinates.
 */
public final class EventIds {

    /** Anchored, for Spark's {@code rlike}. */
    public static final String REGEX = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    public static final int LENGTH = 36;

    /** Between the parts of a record's coordinates, {@code topic/partition/offset}. */
    public static final String COORDINATES_SEPARATOR = "/";

    private static final boolean[] LOWER_HEX = new boolean[256];

    static {
        for (char c : "0123456789abcdef".toCharArray()) {
            LOWER_HEX[c] = true;
        }
    }

    private EventIds() {}

    /** Without an {@code Idempotency-Key}: a random (version 4) UUID. */
    public static UUID random() {
        return UUID.randomUUID();
    }

    /**
     * {@code POST /pin} with an {@code Idempotency-Key}: the name-based UUID ({@link UUID#nameUUIDFromBytes}) of
     * the key, {@code "\n"} and the record value's bytes.
     */
    public static UUID fromIdempotencyKey(String key, byte[] value) {
        return nameBased(key + "\n", value);
    }

    /**
     * One pin of {@code POST /pins} with an {@code Idempotency-Key}: the name-based UUID of the key, {@code "\n"},
     * the pin's position in the request ({@code item}, from 0, in decimal), {@code "\n"} and the record value's bytes.
     */
    public static UUID fromIdempotencyKey(String key, int item, byte[] value) {
        return nameBased(key + "\n" + item + "\n", value);
    }

    /** The text {@code topic/partition/offset} that names a record (and keys its dead letter). */
    public static String coordinates(String topic, int partition, long offset) {
        return topic + COORDINATES_SEPARATOR + partition + COORDINATES_SEPARATOR + offset;
    }

    /**
     * The id of a record without a canonical {@code event_id} header: the MD5 of {@code topic/partition/offset}
     * written as a UUID, so that a replay derives the same id.
     */
    public static String fromCoordinates(String topic, int partition, long offset) {
        byte[] md5 = md5(coordinates(topic, partition, offset).getBytes(StandardCharsets.UTF_8));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (md5[i] & 0xff);
            low = (low << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(high, low).toString();
    }

    /** What a reader takes as the event's id: the header when it is canonical, else the id of the coordinates. */
    public static String fromHeaderOrCoordinates(byte[] header, String topic, int partition, long offset) {
        return header != null && isCanonical(header)
                ? new String(header, StandardCharsets.US_ASCII)
                : fromCoordinates(topic, partition, offset);
    }

    public static boolean isCanonical(String text) {
        return text != null && isCanonical(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the UTF-8 text is lower-case {@code 8-4-4-4-12} hex. Checked by hand: it runs for every record, and
     * a table lookup without early exits spares the branch mispredictions of random hex digits.
     */
    public static boolean isCanonical(byte[] text) {
        if (text == null
                || text.length != LENGTH
                || text[8] != '-'
                || text[13] != '-'
                || text[18] != '-'
                || text[23] != '-') {
            return false;
        }
        boolean hex = true;
        for (int i = 0; i < LENGTH; i++) {
            hex &= LOWER_HEX[text[i] & 0xff] | i == 8 | i == 13 | i == 18 | i == 23;
        }
        return hex;
    }

    private static UUID nameBased(String prefix, byte[] value) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] name = new byte[head.length + value.length];
        System.arraycopy(head, 0, name, 0, head.length);
        System.arraycopy(value, 0, name, head.length, value.length);
        return UUID.nameUUIDFromBytes(name);
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
