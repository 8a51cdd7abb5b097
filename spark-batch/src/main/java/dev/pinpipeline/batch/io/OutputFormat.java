package dev.pinpipeline.batch.io;

/** How the curated events, the pins snapshot and the rejects are written (analytics are always Parquet). */
public enum OutputFormat {
    PARQUET,
    /** JSON lines, for inspection and diffing. */
    JSON;

    String sparkFormat() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
