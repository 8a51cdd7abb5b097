package dev.pinpipeline.archive.consumer;

import dev.pinpipeline.archive.gzip.GzipCompression;
import dev.pinpipeline.archive.monitoring.ArchiveMetrics;
import dev.pinpipeline.archive.monitoring.ArchiveStatus;
import dev.pinpipeline.archive.storage.S3ArchiveStore;
import dev.pinpipeline.archive.writer.ArchiveFile;
import dev.pinpipeline.archive.writer.EventLine;
import dev.pinpipeline.archive.writer.EventLineEncoder;
import dev.pinpipeline.archive.writer.ObjectKeys;
import dev.pinpipeline.archive.writer.PartitionWriter;
import dev.pinpipeline.archive.writer.PoisonRecordException;
import dev.pinpipeline.archive.writer.Rollover;
import dev.pinpipeline.archive.writer.RotationPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One KafkaConsumer's poll loop: records → per-partition writers → upload → commit.
 *
 * <p>The order that makes files exactly-once: a file is uploaded, then its end offset is committed, before the
 * partition's next file can be uploaded. The upload runs on the loop's upload thread while the loop goes on reading
 * and compressing the partition's next file (gzip, not the network, is what a loop spends its time on); the loop
 * commits the file once its upload has returned, and waits for it at the latest when the next file closes. When an
 * upload, a commit or a dead-letter send fails (a retriable error: a copy the dead-letter topic refuses for good is
 * sent again truncated), the partition is rewound to its committed offset, paused for a backoff, and rebuilt from
 * Kafka when it resumes: the same records roll at the same points and give the same keys.
 * On a rebalance, files of revoked partitions still uploading are committed first; buffers are dropped and their
 * new owner rebuilds them the same way.
 */
public final class ArchiveLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ArchiveLoop.class);
    private static final Duration STALL = Duration.ofSeconds(2);
    private static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Duration pollTimeout;
    private final RotationPolicy policy;
    private final ObjectKeys keys;
    private final GzipCompression gzip;
    private final Backoff backoff;
    private final EventLineEncoder encoder = new EventLineEncoder();
    private final S3ArchiveStore store;
    private final DeadLetterPublisher deadLetters;
    private final ArchiveMetrics metrics;
    private final ArchiveStatus status;
    private final Clock clock;

    private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();
    private final Map<TopicPartition, Upload> uploading = new HashMap<>();
    /** One thread, named after the loop's: uploads of this loop's partitions, one at a time, in order. */
    private final ExecutorService uploads = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, Thread.currentThread().getName() + "-upload");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<TopicPartition, List<DeadLetterPublisher.Sent>> pendingDeadLetters = new HashMap<>();
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final Map<TopicPartition, Integer> failures = new HashMap<>();
    private volatile boolean running = true;
    private Instant lastLoopAt;
    private Instant lastProgressAt;
    private long recordsSinceProgress;
    private int filesSinceProgress;

    public ArchiveLoop(Consumer<byte[], byte[]> consumer, String topic, Duration pollTimeout, RotationPolicy policy,
                       ObjectKeys keys, GzipCompression gzip, Backoff backoff, S3ArchiveStore store,
                       DeadLetterPublisher deadLetters, ArchiveMetrics metrics, ArchiveStatus status, Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.pollTimeout = pollTimeout;
        this.policy = policy;
        this.keys = keys;
        this.gzip = gzip;
        this.backoff = backoff;
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public void run() {
        status.loopStarted();
        boolean failed = false;
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                noticeStall();
                for (TopicPartition partition : records.partitions()) {
                    archive(partition, records.records(partition));
                }
                commitFinishedUploads();
                flushQuietPartitions();
                resumeAfterBackoff();
                reportLag();
                logProgress();
            }
        } catch (WakeupException e) {
            // stop() was called
        } catch (RuntimeException e) {
            failed = true;
            log.error("Archive loop for {} stopped on an unexpected error", topic, e);
        } finally {
            forgetAll(writers.keySet());
            uploads.shutdown(); // an upload still running finishes; its file is rebuilt, same key and bytes, later
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.warn("Closing the consumer failed: {}", e.toString());
            }
            status.loopEnded(failed);
        }
    }

    /** Ends the loop: uncommitted buffers are dropped, and rebuilt from Kafka by whoever owns them next. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void archive(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        PartitionWriter writer = writers.get(partition);
        if (writer == null || pausedUntil.containsKey(partition)) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Instant now = clock.instant();
            EventLine line;
            try {
                line = encoder.encode(record);
            } catch (PoisonRecordException e) {
                deadLetter(partition, record, e.reason());
                writer.skip(record.offset());
                continue;
            }
            for (Rollover rollover : writer.add(line, now)) {
                if (!complete(partition, writer, rollover)) {
                    return; // rewound: the rest of this batch is read again after the backoff
                }
            }
        }
        // a partition that only receives poison records still commits (and is not dead-lettered again on restart)
        writer.commitSkipped().ifPresent(rollover -> complete(partition, writer, rollover));
    }

    /**
     * Idle flush must only close files of partitions that are really quiet. When the loop itself was held up
     * (uploads, a retry, a paused process), the partitions' quiet time restarts now.
     */
    private void noticeStall() {
        Instant now = clock.instant();
        if (lastLoopAt != null && Duration.between(lastLoopAt, now).compareTo(pollTimeout.plus(STALL)) > 0) {
            writers.values().forEach(writer -> writer.quietOnlySince(now));
        }
        lastLoopAt = now;
    }

    private void deadLetter(TopicPartition partition, ConsumerRecord<byte[], byte[]> record, String reason) {
        log.warn("Record {}-{}@{} is not archivable ({}); sent to {}",
                record.topic(), record.partition(), record.offset(), reason, deadLetters.topic());
        pendingDeadLetters.computeIfAbsent(partition, p -> new ArrayList<>()).add(deadLetters.publish(record, reason));
        metrics.deadLettered();
    }

    private void flushQuietPartitions() {
        Instant now = clock.instant();
        for (Map.Entry<TopicPartition, PartitionWriter> entry : List.copyOf(writers.entrySet())) {
            TopicPartition partition = entry.getKey();
            PartitionWriter writer = entry.getValue();
            if (pausedUntil.containsKey(partition)) {
                continue;
            }
            boolean caughtUp = consumer.currentLag(partition).orElse(-1) == 0;
            var idle = writer.flushIfIdle(now, caughtUp);
            if (idle.isPresent()) {
                complete(partition, writer, idle.get());
                continue;
            }
            writer.advanceIdleWatermark(now, caughtUp).ifPresent(rollover -> complete(partition, writer, rollover));
        }
    }

    /** A closed file on its way to S3; committed once the upload has returned. */
    private record Upload(PartitionWriter writer, Rollover rollover, Future<Duration> took) {
    }

    /**
     * Settles the partition's previous file (waits for its upload and commits it), then starts this one's upload,
     * or commits right away when the rollover has no file. Returns false when the partition had to be rewound.
     */
    private boolean complete(TopicPartition partition, PartitionWriter writer, Rollover rollover) {
        if (!settleUpload(partition, true)) {
            return false;
        }
        try {
            awaitDeadLetters(partition);
            ArchiveFile file = rollover.file();
            if (file == null) {
                commit(partition, writer, rollover);
            } else {
                uploading.put(partition, new Upload(writer, rollover, uploads.submit(() -> {
                    long start = System.nanoTime();
                    store.put(file);
                    return Duration.ofNanos(System.nanoTime() - start);
                })));
            }
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException | ExecutionException e) {
            retryLater(partition, writer, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    private void commitFinishedUploads() {
        for (TopicPartition partition : List.copyOf(uploading.keySet())) {
            settleUpload(partition, false);
        }
    }

    /**
     * Commits the partition's uploaded file, waiting for the upload when {@code wait} (else only if it is done).
     * Returns false when the upload or the commit failed and the partition was rewound.
     */
    private boolean settleUpload(TopicPartition partition, boolean wait) {
        Upload upload = uploading.get(partition);
        if (upload == null || (!wait && !upload.took().isDone())) {
            return true;
        }
        uploading.remove(partition);
        try {
            Duration took = upload.took().get();
            ArchiveFile file = upload.rollover().file();
            metrics.fileWritten(file, took);
            recordsSinceProgress += file.records();
            filesSinceProgress++;
            status.uploaded(clock.instant());
            log.debug("Wrote {} ({} records, {} bytes, {})", file.key(), file.records(), file.content().length,
                    file.reason().tag());
            commit(partition, upload.writer(), upload.rollover());
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            retryLater(partition, upload.writer(), e);
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException || e.getCause() instanceof KafkaException) {
                retryLater(partition, upload.writer(), e);
                return false;
            }
            throw new IllegalStateException("upload of " + upload.rollover().file().key() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    private void commit(TopicPartition partition, PartitionWriter writer, Rollover rollover) {
        consumer.commitSync(Map.of(partition,
                new OffsetAndMetadata(rollover.nextOffset(), WatermarkMetadata.encode(rollover.watermark()))));
        writer.committed(rollover);
        metrics.committed(partition, rollover.nextOffset());
        if (failures.remove(partition) != null) {
            status.recovered(partition);
            log.info("Partition {} archives again", partition);
        }
    }

    private void awaitDeadLetters(TopicPartition partition) throws ExecutionException, InterruptedException {
        List<DeadLetterPublisher.Sent> pending = pendingDeadLetters.remove(partition);
        if (pending != null) {
            for (DeadLetterPublisher.Sent sent : pending) {
                if (deadLetters.confirm(sent)) {
                    metrics.deadLetterTruncated();
                }
            }
        }
    }

    private void retryLater(TopicPartition partition, PartitionWriter writer, Exception e) {
        int failed = failures.merge(partition, 1, Integer::sum);
        Duration delay = backoff.delay(failed);
        String error = e instanceof ExecutionException && e.getCause() != null ? e.getCause().toString() : e.toString();
        log.warn("Partition {}: archiving failed (attempt {}), rewinding to offset {} and retrying in {}s: {}",
                partition, failed, writer.committedOffset(), delay.toSeconds(), error);
        metrics.uploadFailed();
        status.failing(partition, error);
        pendingDeadLetters.remove(partition);
        long offset = writer.rewind();
        consumer.seek(partition, offset);
        consumer.pause(Set.of(partition));
        pausedUntil.put(partition, clock.instant().plus(delay));
    }

    private void resumeAfterBackoff() {
        if (pausedUntil.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Set<TopicPartition> due = new HashSet<>();
        pausedUntil.forEach((partition, until) -> {
            if (!now.isBefore(until)) {
                due.add(partition);
            }
        });
        due.forEach(pausedUntil::remove);
        consumer.resume(due);
    }

    private void reportLag() {
        for (TopicPartition partition : writers.keySet()) {
            consumer.currentLag(partition).ifPresent(lag -> metrics.lag(partition, lag));
        }
    }

    /** One line a minute while there is work: what was archived, and what is left. */
    private void logProgress() {
        Instant now = clock.instant();
        if (lastProgressAt == null) {
            lastProgressAt = now;
        }
        if (Duration.between(lastProgressAt, now).compareTo(PROGRESS_EVERY) < 0) {
            return;
        }
        long lag = writers.keySet().stream().mapToLong(p -> consumer.currentLag(p).orElse(0)).sum();
        if (filesSinceProgress > 0 || lag > 0) {
            log.info("Archived {} records in {} files in the last {}s; {} records to go on {} partitions",
                    recordsSinceProgress, filesSinceProgress, Duration.between(lastProgressAt, now).toSeconds(),
                    lag, writers.size());
        }
        lastProgressAt = now;
        recordsSinceProgress = 0;
        filesSinceProgress = 0;
    }

    private void forgetAll(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : List.copyOf(partitions)) {
            writers.remove(partition);
            uploading.remove(partition);
            pendingDeadLetters.remove(partition);
            pausedUntil.remove(partition);
            failures.remove(partition);
            status.released(partition);
            metrics.released(partition);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            Instant now = clock.instant();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata last = committed.get(partition);
                long start = last != null ? last.offset() : consumer.position(partition);
                Instant watermark = last != null ? WatermarkMetadata.decode(last.metadata()) : null;
                writers.put(partition, new PartitionWriter(partition.topic(), partition.partition(), policy, keys,
                        gzip, start, watermark, now));
                consumer.seek(partition, start);
                status.assigned(partition);
                if (last != null) {
                    metrics.committed(partition, last.offset());
                }
            }
            log.info("Assigned {}", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                for (TopicPartition partition : partitions) {
                    settleUpload(partition, true); // still ours: commit what is already on its way to S3
                }
                forgetAll(partitions);
                log.info("Revoked {}", partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                forgetAll(partitions);
                log.info("Lost {}", partitions);
            }
        }
    }
}
