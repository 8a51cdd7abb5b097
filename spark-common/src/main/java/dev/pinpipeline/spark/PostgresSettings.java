package dev.pinpipeline.spark;

/** Where the day's analytics tables live. The password never appears in {@link #toString()}. */
public record PostgresSettings(String jdbcUrl, String user, String password) {

    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
    }
}
