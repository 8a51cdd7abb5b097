package dev.pinpipeline.archive.writer;

import java.time.Instant;

/**
 * What to do once a stretch of a partition is done: upload the file (if any records were archived), then commit
 * {@code nextOffset} with the partition's watermark.
 *
 * @param file       the file to upload, or null when the stretch held only dead-lettered records
 * @param nextOffset the offset to commit: a rebuild starts there
 * @param watermark  every record of this partition before {@code nextOffset} is archived, and the partition has
 *                   seen an event ingested at this time (or was idle and caught up at this time)
 */
public record Rollover(ArchiveFile file, long nextOffset, Instant watermark) {}
