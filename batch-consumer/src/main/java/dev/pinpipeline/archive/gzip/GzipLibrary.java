package dev.pinpipeline.archive.gzip;

/** Which deflate implementation writes the archive's gzip files ({@code archive.gzip-library}). */
public enum GzipLibrary {
    /** libdeflate where the native library loads, the JDK's zlib otherwise. */
    AUTO,
    /** libdeflate (native, {@code libdeflate.so.0}, Debian/Ubuntu package {@code libdeflate0}); start-up fails without it. */
    LIBDEFLATE,
    /** {@code java.util.zip}: zlib, as bundled with or linked by the JDK. */
    JDK
}
