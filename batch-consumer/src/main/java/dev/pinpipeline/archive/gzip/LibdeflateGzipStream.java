package dev.pinpipeline.archive.gzip;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.lang.ref.Cleaner;

/**
 * A file as a series of gzip members of {@link #MEMBER_SIZE} uncompressed bytes each (the last one shorter), each
 * compressed by libdeflate in one call. Concatenated members are one valid gzip file (RFC 1952 §2.2): gunzip, Java's
 * {@code GZIPInputStream}, Hadoop's and so Spark's gzip codec read them as one stream. Member boundaries depend only on
 * the bytes written, so the same lines give the same file.
 *
 * <p>Native memory (the compressor and two buffers, ~0.8 MB) is taken at the first write and given back when the
 * stream becomes unreachable.
 */
final class LibdeflateGzipStream implements GzipStream {

    /** Uncompressed bytes per member: large enough that the per-member header and fresh history cost ~0.1%. */
    static final int MEMBER_SIZE = 256 * 1024;

    private static final Cleaner CLEANER = Cleaner.create();

    private final int level;
    private final byte[] member = new byte[MEMBER_SIZE];
    private final ByteArrayOutputStream file = new ByteArrayOutputStream(64 * 1024);
    private int filled;
    private NativeBuffers natives;
    private byte[] compressed;

    LibdeflateGzipStream(int level) {
        this.level = level;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, MEMBER_SIZE - filled);
            System.arraycopy(data, offset, member, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == MEMBER_SIZE) {
                compressMember();
            }
        }
    }

    @Override
    public byte[] finish() {
        if (filled > 0 || file.size() == 0) {
            compressMember();
        }
        byte[] content = file.toByteArray();
        file.reset();
        return content;
    }

    @Override
    public void discard() {
        filled = 0;
        file.reset();
    }

    private void compressMember() {
        if (natives == null) {
            natives = new NativeBuffers(level);
            CLEANER.register(this, natives);
            compressed = new byte[(int) natives.out.size()];
        }
        natives.in.write(0, member, 0, filled);
        long size = Libdeflate.libdeflate_gzip_compress(
                natives.compressor, natives.in, filled, natives.out, natives.out.size());
        if (size <= 0) {
            throw new IllegalStateException("libdeflate could not compress " + filled + " bytes into its bound");
        }
        natives.out.read(0, compressed, 0, (int) size);
        file.write(compressed, 0, (int) size);
        filled = 0;
    }

    /** The native side of one stream; also the cleaning action, so it must not refer to the stream. */
    private static final class NativeBuffers implements Runnable {

        final Pointer compressor;
        final Memory in;
        final Memory out;

        NativeBuffers(int level) {
            compressor = Libdeflate.libdeflate_alloc_compressor(level);
            if (compressor == null) {
                throw new IllegalStateException("libdeflate could not allocate a compressor at level " + level);
            }
            in = new Memory(MEMBER_SIZE);
            out = new Memory(Libdeflate.libdeflate_gzip_compress_bound(compressor, MEMBER_SIZE));
        }

        @Override
        public void run() {
            Libdeflate.libdeflate_free_compressor(compressor);
            in.close();
            out.close();
        }
    }
}
