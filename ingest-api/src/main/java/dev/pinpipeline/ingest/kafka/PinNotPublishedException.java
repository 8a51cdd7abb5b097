package dev.pinpipeline.ingest.kafka;

/**
 * The broker did not acknowledge a pin. {@link #isRetriable()} tells whether sending it again later may work
 * (broker down, timeout) or not (the record itself was refused).
 */
public class PinNotPublishedException extends RuntimeException {

    private final boolean retriable;

    public PinNotPublishedException(String message, boolean retriable, Throwable cause) {
        super(message, cause, false, false);
        this.retriable = retriable;
    }

    public boolean isRetriable() {
        return retriable;
    }
}
