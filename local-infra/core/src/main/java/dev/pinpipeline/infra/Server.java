package dev.pinpipeline.infra;

/** The servers local-infra can start. */
public enum Server {
    KAFKA("Kafka"),
    S3("S3Proxy"),
    POSTGRES("PostgreSQL");

    private final String displayName;

    Server(String displayName) {
        this.displayName = displayName;
    }

    /** The product's name, for logs and messages. */
    public String displayName() {
        return displayName;
    }
}
