package dev.pinpipeline.emulator.source;

/** A pin file that cannot be used: unreadable, empty, or with a line that is not a JSON object. */
public final class PinFileException extends RuntimeException {

    public PinFileException(String message) {
        super(message);
    }

    public PinFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
