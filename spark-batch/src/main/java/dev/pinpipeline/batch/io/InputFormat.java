package dev.pinpipeline.batch.io;

/** What {@code --input} holds. */
public enum InputFormat {
    /** The batch-consumer's archive: {@code {input}/dt=YYYY-MM-DD/hr=HH/*.jsonl.gz}, one event envelope per line. */
    ARCHIVE,
    /** Plain raw pins, one JSON object per line as POSTed to the ingest API (ad-hoc use). */
    PINS
}
