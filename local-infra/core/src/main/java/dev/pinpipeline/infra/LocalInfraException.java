package dev.pinpipeline.infra;

/** A local server could not be started, located or stopped; the message says which, and where its log is. */
class LocalInfraException extends RuntimeException {

    public LocalInfraException(String message) {
        super(message);
    }

    public LocalInfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
