package dev.pinpipeline.archive.writer;

import dev.pinpipeline.archive.gzip.GzipCompression;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The archive state of one partition, without I/O: the open file, where a rebuild would start, and the
 * partition's watermark. The poll loop feeds it records in offset order, uploads and commits the
 * {@link Rollover}s it returns in order, and calls {@link #committed} or {@link #rewind} with the outcome.
 *
 * <p>At most one file per partition is ever uploaded and not yet committed, and its key is the committed offset's
 * first archived record: a crash between upload and commit rebuilds the same key from Kafka.
 */
public final class PartitionWriter {

    private final String topic;
    private final int partition;
    private final RotationPolicy policy;
    private final ObjectKeys keys;
    private final PartitionBuffer buffer;

    private long committedOffset;
    private Instant committedWatermark;
    private long bufferStart;
    private long consumedUpTo;
    private Instant watermark;
    private Instant lastRecordAt;
    private Instant lastIdleWatermarkAt;

    /**
     * @param committedOffset    the group's committed offset (or the start position when there is none)
     * @param committedWatermark the watermark committed with it, or null
     * @param now                assignment time: the partition counts as quiet from here
     */
    public PartitionWriter(
            String topic,
            int partition,
            RotationPolicy policy,
            ObjectKeys keys,
            GzipCompression gzip,
            long committedOffset,
            Instant committedWatermark,
            Instant now) {
        this.topic = topic;
        this.partition = partition;
        this.policy = policy;
        this.keys = keys;
        this.buffer = new PartitionBuffer(gzip.newStream());
        this.committedOffset = committedOffset;
        this.committedWatermark = committedWatermark;
        this.lastRecordAt = now;
        this.lastIdleWatermarkAt = now;
        rewind();
    }

    /** Adds a record's line; returns the files this closed, oldest first (at most two). */
    public List<Rollover> add(EventLine line, Instant now) {
        Rollover hourClosed = null;
        if (policy.rotatesOnHour(buffer.records(), buffer.hour(), line.ingestedAt())) {
            // the record that starts the next hour is not in this file, but everything before it is
            hourClosed = close(RotationReason.HOUR, line.offset(), line.ingestedAt());
        }
        buffer.append(line);
        consumedUpTo = line.offset() + 1;
        lastRecordAt = now;
        Rollover fullClosed = null;
        if (policy.rotatesOnCount(buffer.records())) {
            fullClosed = close(RotationReason.COUNT, consumedUpTo, null);
        } else if (policy.rotatesOnSize(buffer.uncompressedBytes())) {
            fullClosed = close(RotationReason.SIZE, consumedUpTo, null);
        }
        return closedInOrder(hourClosed, fullClosed);
    }

    /** No list is allocated for the common record, which closes nothing. */
    private static List<Rollover> closedInOrder(Rollover first, Rollover second) {
        if (first == null) {
            return second == null ? List.of() : List.of(second);
        }
        return second == null ? List.of(first) : List.of(first, second);
    }

    /**
     * A record that is not archived (dead-lettered): it is covered by the next commit. It is no event, so it does
     * not keep the partition from counting as quiet.
     */
    public void skip(long offset) {
        consumedUpTo = offset + 1;
    }

    /**
     * Commits past the records skipped since the last commit when no file is open: the next file starts at the
     * next archived record whether a rebuild starts before the skipped records or after them, so its key is the
     * same. With a file open, they wait for its commit instead (committing past them would skip its records).
     */
    public Optional<Rollover> commitSkipped() {
        if (buffer.records() > 0 || consumedUpTo == bufferStart) {
            return Optional.empty();
        }
        bufferStart = consumedUpTo;
        return Optional.of(new Rollover(null, consumedUpTo, watermark));
    }

    /**
     * Flushes what is buffered when the partition has been quiet for the idle time and the consumer has read all
     * that Kafka holds of it ({@code caughtUp}): records still waiting in Kafka are not quiet.
     */
    public Optional<Rollover> flushIfIdle(Instant now, boolean caughtUp) {
        if (!caughtUp || consumedUpTo == bufferStart || !policy.rotatesWhenIdle(lastRecordAt, now)) {
            return Optional.empty();
        }
        if (buffer.records() == 0) {
            return commitSkipped();
        }
        return Optional.of(close(RotationReason.IDLE, consumedUpTo, null));
    }

    /**
     * When nothing is buffered, the consumer has read all Kafka holds and the partition has been quiet for the
     * idle time, any later event will be ingested after {@code now}: the watermark moves to now. This is what
     * lets a day complete on a partition that receives nothing.
     */
    public Optional<Rollover> advanceIdleWatermark(Instant now, boolean caughtUp) {
        if (!caughtUp
                || consumedUpTo != bufferStart
                || consumedUpTo != committedOffset
                || !policy.rotatesWhenIdle(lastRecordAt, now)
                || !policy.rotatesWhenIdle(lastIdleWatermarkAt, now)) {
            return Optional.empty();
        }
        lastIdleWatermarkAt = now;
        watermark = later(watermark, now);
        return Optional.of(new Rollover(null, committedOffset, watermark));
    }

    /**
     * The poll loop was not running normally until {@code now} (a long upload, a paused JVM): time that passed
     * while records could not be read is no evidence of a quiet partition.
     */
    public void quietOnlySince(Instant now) {
        if (lastRecordAt.isBefore(now)) {
            lastRecordAt = now;
        }
    }

    /** The rollover's offset is committed. */
    public void committed(Rollover rollover) {
        committedOffset = rollover.nextOffset();
        committedWatermark = rollover.watermark();
    }

    /** Forgets everything after the committed offset; the caller seeks the consumer there. */
    public long rewind() {
        buffer.clear();
        bufferStart = committedOffset;
        consumedUpTo = committedOffset;
        watermark = committedWatermark;
        return committedOffset;
    }

    private Rollover close(RotationReason reason, long nextOffset, Instant seen) {
        Instant maxIngestedAt = buffer.maxIngestedAt();
        int records = buffer.records();
        long uncompressed = buffer.uncompressedBytes();
        long first = buffer.firstOffset();
        long last = buffer.lastOffset();
        String key = keys.file(topic, partition, buffer.hour(), first);
        byte[] content = buffer.finish();
        watermark = later(later(watermark, maxIngestedAt), seen);
        bufferStart = nextOffset;
        ArchiveFile file = new ArchiveFile(key, partition, first, last, records, uncompressed, content, reason);
        return new Rollover(file, nextOffset, watermark);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    public int partition() {
        return partition;
    }

    public long committedOffset() {
        return committedOffset;
    }

    public Instant committedWatermark() {
        return committedWatermark;
    }

    public int bufferedRecords() {
        return buffer.records();
    }
}
