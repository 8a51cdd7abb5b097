package dev.pinpipeline.archive.writer;

/** A record that cannot be archived (its value is not a JSON object); it goes to the dead-letter topic. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
