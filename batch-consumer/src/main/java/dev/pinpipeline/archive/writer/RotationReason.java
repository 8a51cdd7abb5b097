package dev.pinpipeline.archive.writer;

/** Why a file was closed; counted in the {@code archive.files.written} metric. */
public enum RotationReason {
    /** It holds {@code flush-records} records. */
    COUNT,
    /** It holds {@code flush-size} uncompressed bytes. */
    SIZE,
    /** The next record belongs to another hour of ingested_at. */
    HOUR,
    /** The partition received nothing for {@code idle-flush}. */
    IDLE;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
