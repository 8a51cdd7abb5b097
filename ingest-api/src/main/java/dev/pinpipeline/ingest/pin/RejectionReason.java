package dev.pinpipeline.ingest.pin;

import org.springframework.http.HttpStatus;

/**
 * Why a pin or a request was turned away: the HTTP status, the problem type and the {@code reason} tag of the
 * {@code pins.rejected} metric, decided in this one place.
 */
public enum RejectionReason {

    /** Not JSON: syntax error, invalid UTF-8, trailing garbage, duplicate field, nesting too deep, empty body. */
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"),
    /**
     * A request the HTTP server turned away before the service saw it: headers over the server's size limit, or a
     * malformed request line or header.
     */
    UNREADABLE_REQUEST(HttpStatus.BAD_REQUEST, "Unreadable request"),
    /** An {@code Idempotency-Key} header that is not 1 to 255 visible ASCII characters, or sent twice. */
    INVALID_IDEMPOTENCY_KEY(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key"),
    /** Valid JSON that breaks the pin contract: not an object, a missing or wrongly typed field, a bad value. */
    INVALID_PIN(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid pin"),
    /** The body is over the configured size limit. */
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Body too large"),
    /** A bulk request with more pins than the configured limit. */
    TOO_MANY_PINS(HttpStatus.CONTENT_TOO_LARGE, "Too many pins"),
    /** A Content-Type the endpoint does not read. */
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    /** The API key is required and the request did not carry the right one. */
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Missing or wrong API key"),
    /** The broker did not acknowledge the pin in time (it may still be written); the client should retry. */
    KAFKA_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable");

    private final HttpStatus status;

    private final String title;

    RejectionReason(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The metric tag and the last part of the problem type, e.g. {@code invalid_pin}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
