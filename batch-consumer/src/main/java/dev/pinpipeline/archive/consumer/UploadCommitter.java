package dev.pinpipeline.archive.consumer;

import dev.pinpipeline.archive.monitoring.ArchiveMetrics;
import dev.pinpipeline.archive.monitoring.ArchiveStatus;
import dev.pinpipeline.archive.storage.S3ArchiveStore;
import dev.pinpipeline.archive.writer.ArchiveFile;
import dev.pinpipeline.archive.writer.Rollover;
import dev.pinpipeline.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Uploads a partition's closed files, then commits their end offsets, in that order: a file's offset is committed
 * only once S3 has it, and the partition's next file is not handed to S3 before that commit, so at most one file per
 * partition is uploaded but uncommitted. Dead letters sent for a partition are confirmed before a commit past them.
 * Used on its poll loop's thread only; the uploads themselves run on one upload thread of its own, in order.
 *
 * <p>When an upload, a commit or a dead-letter send fails (a retriable error: a copy the dead-letter topic refuses
 * for good is sent again truncated), the partition is rewound to its committed offset and paused for a backoff; the
 * loop resumes it, and the same records roll at the same points and give the same keys.
 */
final class UploadCommitter {

    private static final Logger log = LoggerFactory.getLogger(UploadCommitter.class);

    private final Consumer<byte[], byte[]> consumer;
    private final S3ArchiveStore store;
    private final DeadLetterPublisher deadLetters;
    private final Backoff backoff;
    private final ArchiveMetrics metrics;
    private final ArchiveStatus status;
    private final Clock clock;
    /** One thread, named after the loop's (created on the first upload): uploads one at a time, in order. */
    private final ExecutorService uploads = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, Thread.currentThread().getName() + "-upload");
        thread.setDaemon(true);
        return thread;
    });

    private long uploadedRecords;
    private long uploadedFiles;

    UploadCommitter(
            Consumer<byte[], byte[]> consumer,
            S3ArchiveStore store,
            DeadLetterPublisher deadLetters,
            Backoff backoff,
            ArchiveMetrics metrics,
            ArchiveStatus status,
            Clock clock) {
        this.consumer = consumer;
        this.store = store;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.metrics = metrics;
        this.status = status;
        this.clock = clock;
    }

    /** Sends a record that cannot be archived to the dead-letter topic; confirmed before the next commit. */
    void deadLetter(PartitionState state, ConsumerRecord<byte[], byte[]> record, String reason) {
        log.warn(
                "Record {}-{}@{} is not archivable ({}); sent to {}",
                record.topic(),
                record.partition(),
                record.offset(),
                reason,
                deadLetters.topic());
        state.deadLettered(deadLetters.publish(record, reason));
        metrics.deadLettered();
    }

    /**
     * Settles the partition's previous file (waits for its upload and commits it), then starts this one's upload,
     * or commits right away when the rollover has no file. Returns false when the partition had to be rewound.
     */
    boolean complete(PartitionState state, Rollover rollover) {
        if (!settle(state, true)) {
            return false;
        }
        try {
            awaitDeadLetters(state);
            ArchiveFile file = rollover.file();
            if (file == null) {
                commit(state, rollover);
            } else {
                state.uploading(new PartitionState.Upload(rollover, uploads.submit(() -> {
                    long start = System.nanoTime();
                    store.put(file);
                    return Duration.ofNanos(System.nanoTime() - start);
                })));
            }
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException | ExecutionException e) {
            retryLater(state, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /**
     * Commits the partition's uploaded file, waiting for the upload when {@code wait} (else only if it is done).
     * Returns false when the upload or the commit failed and the partition was rewound.
     */
    boolean settle(PartitionState state, boolean wait) {
        PartitionState.Upload upload = state.upload();
        if (upload == null || (!wait && !upload.took().isDone())) {
            return true;
        }
        state.takeUpload();
        try {
            Duration took = upload.took().get();
            ArchiveFile file = upload.rollover().file();
            metrics.fileWritten(file, took);
            uploadedRecords += file.records();
            uploadedFiles++;
            status.uploaded(clock.instant());
            log.debug(
                    "Wrote {} ({} records, {} bytes, {})",
                    file.key(),
                    file.records(),
                    file.content().length,
                    file.reason().tag());
            commit(state, upload.rollover());
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            retryLater(state, e);
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException || e.getCause() instanceof KafkaException) {
                retryLater(state, e);
                return false;
            }
            throw new IllegalStateException(
                    "upload of " + upload.rollover().file().key() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /** Records in the files committed so far (for the loop's progress line). */
    long uploadedRecords() {
        return uploadedRecords;
    }

    /** Files committed so far (for the loop's progress line). */
    long uploadedFiles() {
        return uploadedFiles;
    }

    /** Stops taking uploads; one still running finishes, and its file is rebuilt, same key and bytes, later. */
    void shutdown() {
        uploads.shutdown();
    }

    private void commit(PartitionState state, Rollover rollover) {
        consumer.commitSync(Map.of(
                state.partition(),
                new OffsetAndMetadata(rollover.nextOffset(), WatermarkMetadata.encode(rollover.watermark()))));
        state.writer().committed(rollover);
        metrics.committed(state.partition(), rollover.nextOffset());
        if (state.recovered()) {
            status.recovered(state.partition());
            log.info("Partition {} archives again", state.partition());
        }
    }

    private void awaitDeadLetters(PartitionState state) throws ExecutionException, InterruptedException {
        for (DeadLetterPublisher.Sent sent : state.takeDeadLetters()) {
            if (deadLetters.confirm(sent)) {
                metrics.deadLetterTruncated();
            }
        }
    }

    private void retryLater(PartitionState state, Exception e) {
        int failed = state.failed();
        Duration delay = backoff.delay(failed);
        String error = e instanceof ExecutionException && e.getCause() != null
                ? e.getCause().toString()
                : e.toString();
        log.warn(
                "Partition {}: archiving failed (attempt {}), rewinding to offset {} and retrying in {}s: {}",
                state.partition(),
                failed,
                state.writer().committedOffset(),
                delay.toSeconds(),
                error);
        metrics.uploadFailed();
        status.failing(state.partition(), error);
        state.takeDeadLetters();
        long offset = state.writer().rewind();
        consumer.seek(state.partition(), offset);
        consumer.pause(Set.of(state.partition()));
        state.pauseUntil(clock.instant().plus(delay));
    }
}
