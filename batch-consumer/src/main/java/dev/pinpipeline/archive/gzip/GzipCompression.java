package dev.pinpipeline.archive.gzip;

/**
 * How the archive's files are gzip-compressed: the library, resolved once at start-up, and the level. The bytes of
 * a file depend on both (and on the library's version); its lines never do, nor its key.
 */
public final class GzipCompression {

    private final boolean libdeflate;
    private final int level;
    private final String description;

    private GzipCompression(boolean libdeflate, int level, String description) {
        this.libdeflate = libdeflate;
        this.level = level;
        this.description = description;
    }

    /**
     * @throws IllegalStateException when {@code library} is {@link GzipLibrary#LIBDEFLATE} and it cannot be loaded
     */
    public static GzipCompression of(GzipLibrary library, int level) {
        return switch (library) {
            case JDK -> jdk(level, "");
            case LIBDEFLATE -> {
                if (!Libdeflate.isAvailable()) {
                    throw new IllegalStateException("archive.gzip-library=libdeflate, but libdeflate cannot be loaded ("
                            + Libdeflate.describe() + "); install it (Debian/Ubuntu: libdeflate0) or set "
                            + "archive.gzip-library=auto");
                }
                yield libdeflate(level);
            }
            case AUTO ->
                Libdeflate.isAvailable()
                        ? libdeflate(level)
                        : jdk(level, ", as libdeflate cannot be loaded (" + Libdeflate.describe() + ")");
        };
    }

    /** The JDK's zlib: the same everywhere a JDK runs. */
    public static GzipCompression jdk(int level) {
        return jdk(level, "");
    }

    private static GzipCompression jdk(int level, String why) {
        return new GzipCompression(false, level, "java.util.zip, level " + level + why);
    }

    private static GzipCompression libdeflate(int level) {
        return new GzipCompression(true, level, "libdeflate (" + Libdeflate.describe() + "), level " + level);
    }

    /** A stream for one partition's files. */
    public GzipStream newStream() {
        return libdeflate ? new LibdeflateGzipStream(level) : new JdkGzipStream(level);
    }

    public boolean usesLibdeflate() {
        return libdeflate;
    }

    @Override
    public String toString() {
        return description;
    }
}
