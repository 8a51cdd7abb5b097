package dev.pinpipeline.ingest.pin;

import dev.pinpipeline.events.EventIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;

/**
 * The optional {@code Idempotency-Key} request header (IETF draft-ietf-httpapi-idempotency-key-header). A client
 * sends the same key with every retry of one request; the service then derives each event's {@code event_id}
 * from the key and the pin instead of drawing a random one. A 503 or a lost answer leaves the outcome unknown (the
 * pin may still be written), so the retry may write a second record: it carries the same {@code event_id}, and the
 * downstream jobs keep only the first record of each {@code event_id}. The same key with a different pin (or at
 * another position of a bulk request) gives a different {@code event_id}: two different posts are never merged.
 *
 * @param value the header's value as sent (quotes included, if any): 1 to 255 visible ASCII characters
 */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";

    static final int MAX_LENGTH = 255;

    /** The request's key, or null when it sends none. */
    static IdempotencyKey of(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(HEADER);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            throw invalid("must be sent once, not in several headers");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH || !isVisibleAscii(value)) {
            throw invalid("must be 1 to " + MAX_LENGTH + " visible ASCII characters (no spaces), such as a UUID");
        }
        return new IdempotencyKey(value);
    }

    /**
     * The {@code event_id} of the pin of {@code POST /pin}: the name-based UUID ({@link UUID#nameUUIDFromBytes}) of
     * the key, "\n" and the exact value bytes written to Kafka.
     */
    UUID eventId(byte[] pinJson) {
        return EventIds.fromIdempotencyKey(value, pinJson);
    }

    /**
     * The {@code event_id} of one pin of {@code POST /pins}: the name-based UUID of the key, "\n", the pin's
     * position in the request ({@code item}, from 0, in decimal), "\n" and the exact value bytes written to Kafka.
     */
    UUID eventId(int item, byte[] pinJson) {
        return EventIds.fromIdempotencyKey(value, item, pinJson);
    }

    private static boolean isVisibleAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static PinRejectedException invalid(String message) {
        return new PinRejectedException(
                RejectionReason.INVALID_IDEMPOTENCY_KEY,
                "The Idempotency-Key header " + message + ".",
                List.of(new FieldProblem(HEADER, message)));
    }
}
