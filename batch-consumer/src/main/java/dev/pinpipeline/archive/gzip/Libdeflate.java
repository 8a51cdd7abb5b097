package dev.pinpipeline.archive.gzip;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The four functions of libdeflate's compression API that the archive needs, bound with JNA's direct mapping (a
 * plain native call per use, no reflection). libdeflate compresses a whole buffer at a time, which is all a gzip
 * member needs, about twice as fast as zlib at the same level on the archive's lines, and a little smaller.
 *
 * <p>{@code size_t} is mapped to {@code long}, so the binding is only registered on 64-bit platforms.
 */
final class Libdeflate {

    private static final String NAME = "deflate";
    /** Where the library was loaded from, or null. */
    private static final String FILE;
    /** Why it is not available, or null. */
    private static final String PROBLEM;

    static {
        String file = null;
        String problem = null;
        try {
            if (Native.SIZE_T_SIZE != Long.BYTES) {
                problem = "size_t is not 64 bits on this platform";
            } else {
                NativeLibrary library = NativeLibrary.getInstance(NAME);
                Native.register(Libdeflate.class, library);
                file = library.getFile() == null
                        ? library.getName()
                        : library.getFile().getPath();
            }
        } catch (LinkageError | RuntimeException e) { // no library, or JNA's own native part cannot load
            problem = e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse("");
        }
        FILE = file;
        PROBLEM = problem;
    }

    private Libdeflate() {}

    static boolean isAvailable() {
        return PROBLEM == null;
    }

    /** The library's file when {@link #isAvailable()}, otherwise why it could not be loaded. */
    static String describe() {
        return isAvailable() ? FILE : PROBLEM;
    }

    static native Pointer libdeflate_alloc_compressor(int compressionLevel);

    static native long libdeflate_gzip_compress(
            Pointer compressor, Pointer in, long inBytes, Pointer out, long outBytesAvailable);

    static native long libdeflate_gzip_compress_bound(Pointer compressor, long inBytes);

    static native void libdeflate_free_compressor(Pointer compressor);
}
