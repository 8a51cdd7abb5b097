package dev.pinpipeline.archive.writer;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * The open file of one partition: lines are gzip-compressed as they arrive. The same lines at the same level
 * give the same bytes (the JDK writes no time into the gzip header), so a rebuilt file is identical.
 *
 * <p>Lines reach the Deflater in 256 KB chunks rather than three small writes per record: each write to a
 * {@code GZIPOutputStream} is a native deflate call plus a CRC update, which cost more than the compression
 * itself at level 1. Without a flush, zlib's output does not depend on how its input is chunked.
 */
final class PartitionBuffer {

    private static final int LINE_CHUNK = 256 * 1024;

    private final int gzipLevel;
    private ByteArrayOutputStream bytes;
    private GZIPOutputStream gzip;
    private BufferedOutputStream lines;
    private int records;
    private long uncompressedBytes;
    private long firstOffset = -1;
    private long lastOffset = -1;
    private Instant hour;
    private Instant maxIngestedAt;

    PartitionBuffer(int gzipLevel) {
        this.gzipLevel = gzipLevel;
    }

    void append(EventLine line) {
        try {
            if (records == 0) {
                open(line);
            }
            lines.write(line.prefix());
            lines.write(line.pin());
            lines.write(EventLine.SUFFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        records++;
        uncompressedBytes += line.size();
        lastOffset = line.offset();
        if (line.ingestedAt().isAfter(maxIngestedAt)) {
            maxIngestedAt = line.ingestedAt();
        }
    }

    private void open(EventLine first) throws IOException {
        bytes = new ByteArrayOutputStream(64 * 1024);
        gzip = new GZIPOutputStream(bytes, 64 * 1024) {
            {
                def.setLevel(gzipLevel);
            }
        };
        lines = new BufferedOutputStream(gzip, LINE_CHUNK);
        firstOffset = first.offset();
        hour = RotationPolicy.hourOf(first.ingestedAt());
        maxIngestedAt = first.ingestedAt();
    }

    /** Completes the gzip stream and empties the buffer. */
    byte[] finish() {
        try {
            lines.flush(); // hands the last chunk to the Deflater; a flush of the gzip stream itself is a no-op
            gzip.finish();
            gzip.close();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        byte[] content = bytes.toByteArray();
        clear();
        return content;
    }

    void clear() {
        if (gzip != null) {
            try {
                gzip.close(); // releases the Deflater's native memory; a no-op after finish()
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory cannot fail", e);
            }
            gzip = null;
            lines = null;
        }
        bytes = null;
        records = 0;
        uncompressedBytes = 0;
        firstOffset = -1;
        lastOffset = -1;
        hour = null;
        maxIngestedAt = null;
    }

    int records() {
        return records;
    }

    long uncompressedBytes() {
        return uncompressedBytes;
    }

    long firstOffset() {
        return firstOffset;
    }

    long lastOffset() {
        return lastOffset;
    }

    Instant hour() {
        return hour;
    }

    Instant maxIngestedAt() {
        return maxIngestedAt;
    }
}
