package dev.pinpipeline.batch.io;

/** The day's {@code _SUCCESS} marker did not appear in time: the day is not complete yet, nothing was written. */
public class SuccessMarkerMissingException extends RuntimeException {

    public SuccessMarkerMissingException(String message) {
        super(message);
    }
}
