package dev.pinpipeline.archive.gzip;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * One gzip member per file, written by {@code java.util.zip} (the JDK writes no time into the header).
 *
 * <p>Bytes reach the Deflater in 256 KB chunks rather than three small writes per record: each write to a
 * {@code GZIPOutputStream} is a native deflate call plus a CRC update, which cost more than the compression itself
 * at level 1. Without a flush, zlib's output does not depend on how its input is chunked.
 */
final class JdkGzipStream implements GzipStream {

    private static final int CHUNK = 256 * 1024;

    private final int level;
    private ByteArrayOutputStream bytes;
    private GZIPOutputStream gzip;
    private BufferedOutputStream chunks;

    JdkGzipStream(int level) {
        this.level = level;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        try {
            if (chunks == null) {
                open();
            }
            chunks.write(data, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private void open() throws IOException {
        bytes = new ByteArrayOutputStream(64 * 1024);
        gzip = new GZIPOutputStream(bytes, 64 * 1024) {
            {
                def.setLevel(level);
            }
        };
        chunks = new BufferedOutputStream(gzip, CHUNK);
    }

    @Override
    public byte[] finish() {
        try {
            if (chunks == null) {
                open();
            }
            chunks.flush(); // hands the last chunk to the Deflater; a flush of the gzip stream itself is a no-op
            gzip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        byte[] content = bytes.toByteArray();
        discard();
        return content;
    }

    @Override
    public void discard() {
        if (gzip != null) {
            try {
                gzip.close(); // releases the Deflater's native memory
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory cannot fail", e);
            }
        }
        bytes = null;
        gzip = null;
        chunks = null;
    }
}
