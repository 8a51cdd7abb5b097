package dev.pinpipeline.archive.writer;

import dev.pinpipeline.archive.gzip.GzipStream;
import java.time.Instant;

/**
 * The open file of one partition: lines are gzip-compressed as they arrive (by a {@link GzipStream}, which gives
 * the same bytes for the same lines, so a rebuilt file is identical) and counted.
 */
final class PartitionBuffer {

    private final GzipStream gzip;
    private int records;
    private long uncompressedBytes;
    private long firstOffset = -1;
    private long lastOffset = -1;
    private Instant hour;
    private Instant maxIngestedAt;

    PartitionBuffer(GzipStream gzip) {
        this.gzip = gzip;
    }

    void append(EventLine line) {
        if (records == 0) {
            open(line);
        }
        gzip.write(line.prefix());
        gzip.write(line.pin());
        gzip.write(EventLine.SUFFIX);
        records++;
        uncompressedBytes += line.size();
        lastOffset = line.offset();
        if (line.ingestedAt().isAfter(maxIngestedAt)) {
            maxIngestedAt = line.ingestedAt();
        }
    }

    private void open(EventLine first) {
        firstOffset = first.offset();
        hour = RotationPolicy.hourOf(first.ingestedAt());
        maxIngestedAt = first.ingestedAt();
    }

    /** Completes the gzip file and empties the buffer. */
    byte[] finish() {
        byte[] content = gzip.finish();
        clear();
        return content;
    }

    void clear() {
        gzip.discard();
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
