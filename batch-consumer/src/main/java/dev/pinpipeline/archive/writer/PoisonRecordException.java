package dev.pinpipeline.archive.writer;

/** A record that cannot be archived (its value is not a JSON object); it goes to the dead-letter topic. */
public class PoisonRecordException extends RuntimeException {

    /** The reason becomes a dead-letter header and a log line: never more than this. */
    static final int MAX_REASON_LENGTH = 300;

    public PoisonRecordException(String reason) {
        super(
                reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "…",
                null,
                false,
                false);
    }

    public String reason() {
        return getMessage();
    }
}
