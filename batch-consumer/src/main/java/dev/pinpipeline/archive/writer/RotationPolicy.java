package dev.pinpipeline.archive.writer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a partition's file is closed. Count, size and hour depend only on the records, so the buffer rebuilt
 * from Kafka after a crash or a rebalance closes at the same record and yields the same object. Idle is the one
 * time-based rule: it only ever closes a file early, at the end of what Kafka holds.
 *
 * @param maxRecords records per file
 * @param maxBytes   uncompressed bytes per file
 * @param idleFlush  how long a partition may stay quiet with records buffered
 */
public record RotationPolicy(int maxRecords, long maxBytes, Duration idleFlush) {

    private static final long SECONDS_PER_HOUR = 3600;

    public RotationPolicy {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxRecords and maxBytes must be positive");
        }
        if (idleFlush.isNegative() || idleFlush.isZero()) {
            throw new IllegalArgumentException("idleFlush must be positive, was " + idleFlush);
        }
    }

    /** The hour a record is filed under: its ingested_at truncated to the hour, UTC. */
    public static Instant hourOf(Instant ingestedAt) {
        return ingestedAt.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * Must the buffer be closed before a record ingested at {@code ingestedAt} is added? It must when the record
     * falls outside the buffer's hour (compared by epoch second: no truncated instant per record).
     */
    public boolean rotatesOnHour(int bufferedRecords, Instant bufferHour, Instant ingestedAt) {
        if (bufferedRecords == 0) {
            return false;
        }
        long intoHour = ingestedAt.getEpochSecond() - bufferHour.getEpochSecond();
        return intoHour < 0 || intoHour >= SECONDS_PER_HOUR;
    }

    /** Is the buffer full by count, after an append? */
    public boolean rotatesOnCount(int bufferedRecords) {
        return bufferedRecords >= maxRecords;
    }

    /** Is the buffer full by size, after an append? */
    public boolean rotatesOnSize(long bufferedBytes) {
        return bufferedBytes >= maxBytes;
    }

    /** Has the partition been quiet long enough to flush what it holds? */
    public boolean rotatesWhenIdle(Instant lastRecordAt, Instant now) {
        return !now.isBefore(lastRecordAt.plus(idleFlush));
    }
}
