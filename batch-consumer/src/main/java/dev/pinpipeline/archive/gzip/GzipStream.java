package dev.pinpipeline.archive.gzip;

/**
 * Compresses one archive file at a time: bytes go in as they come, {@link #finish} returns the file's gzip bytes
 * and leaves the stream ready for the next file. The same bytes in give the same bytes out, however they are split
 * into writes, so a file rebuilt after a crash is identical. Not thread-safe: one per partition.
 */
public interface GzipStream {

    void write(byte[] bytes, int offset, int length);

    default void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    /** Completes the current file and returns its gzip bytes. */
    byte[] finish();

    /** Drops what the current file holds so far. */
    void discard();
}
