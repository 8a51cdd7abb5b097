package dev.pinpipeline.archive.writer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * The open file of one partition: lines are gzip-compressed as they arrive. The same lines at the same level
 * give the same bytes (the JDK writes no time into the gzip header), so a rebuilt file is identical.
 */
final class PartitionBuffer {

    private final int gzipLevel;
    private ByteArrayOutputStream bytes;
    private GZIPOutputStream gzip;
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
            gzip.write(line.prefix());
            gzip.write(line.pin());
            gzip.write(EventLine.SUFFIX);
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
        firstOffset = first.offset();
        hour = RotationPolicy.hourOf(first.ingestedAt());
        maxIngestedAt = first.ingestedAt();
    }

    /** Completes the gzip stream and empties the buffer. */
    byte[] finish() {
        try {
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
