package dev.pinpipeline.archive.consumer;

import dev.pinpipeline.archive.gzip.GzipCompression;
import dev.pinpipeline.archive.monitoring.ArchiveMetrics;
import dev.pinpipeline.archive.monitoring.ArchiveStatus;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KafkaConsumer's poll loop: it polls, hands each partition's records to that partition's writer, passes the
 * files that close to the {@link UploadCommitter} (upload, then commit), and follows the group's assignment. It
 * only coordinates: what it knows of a partition is one {@link PartitionState}, created on assignment and dropped
 * whole on revocation.
 *
 * <p>On a rebalance, files of revoked partitions still uploading are committed first; buffers are dropped and their
 * new owner rebuilds them from the committed offset: the same records roll at the same points and give the same
 * keys.
 */
final class ArchiveLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ArchiveLoop.class);
    private static final Duration STALL = Duration.ofSeconds(2);
    private static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Duration pollTimeout;
    private final RotationPolicy policy;
    private final ObjectKeys keys;
    private final GzipCompression gzip;
    private final EventLineEncoder encoder = new EventLineEncoder();
    private final UploadCommitter committer;
    private final ArchiveMetrics metrics;
    private final ArchiveStatus status;
    private final Clock clock;

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private volatile boolean running = true;
    private Instant lastLoopAt;
    private Instant lastProgressAt;
    private long recordsAtProgress;
    private long filesAtProgress;

    ArchiveLoop(
            Consumer<byte[], byte[]> consumer,
            String topic,
            Duration pollTimeout,
            RotationPolicy policy,
            ObjectKeys keys,
            GzipCompression gzip,
            UploadCommitter committer,
            ArchiveMetrics metrics,
            ArchiveStatus status,
            Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.pollTimeout = pollTimeout;
        this.policy = policy;
        this.keys = keys;
        this.gzip = gzip;
        this.committer = committer;
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
                    archive(partitions.get(partition), records.records(partition));
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
            forgetAll(partitions.keySet());
            committer.shutdown();
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

    private void archive(PartitionState state, List<ConsumerRecord<byte[], byte[]>> records) {
        if (state == null || state.paused()) {
            return;
        }
        PartitionWriter writer = state.writer();
        Instant now = clock.instant(); // the batch's read time is all the idle rule needs
        for (ConsumerRecord<byte[], byte[]> record : records) {
            EventLine line;
            try {
                line = encoder.encode(record);
            } catch (PoisonRecordException e) {
                committer.deadLetter(state, record, e.reason());
                writer.skip(record.offset());
                continue;
            }
            for (Rollover rollover : writer.add(line, now)) {
                if (!committer.complete(state, rollover)) {
                    return; // rewound: the rest of this batch is read again after the backoff
                }
            }
        }
        // a partition that only receives poison records still commits (and is not dead-lettered again on restart)
        writer.commitSkipped().ifPresent(rollover -> committer.complete(state, rollover));
    }

    /**
     * Idle flush must only close files of partitions that are really quiet. When the loop itself was held up
     * (uploads, a retry, a paused process), the partitions' quiet time restarts now.
     */
    private void noticeStall() {
        Instant now = clock.instant();
        if (lastLoopAt != null && Duration.between(lastLoopAt, now).compareTo(pollTimeout.plus(STALL)) > 0) {
            partitions.values().forEach(state -> state.writer().quietOnlySince(now));
        }
        lastLoopAt = now;
    }

    private void flushQuietPartitions() {
        Instant now = clock.instant();
        for (PartitionState state : List.copyOf(partitions.values())) {
            if (state.paused()) {
                continue;
            }
            PartitionWriter writer = state.writer();
            boolean caughtUp = consumer.currentLag(state.partition()).orElse(-1) == 0;
            var idle = writer.flushIfIdle(now, caughtUp);
            if (idle.isPresent()) {
                committer.complete(state, idle.get());
                continue;
            }
            writer.advanceIdleWatermark(now, caughtUp).ifPresent(rollover -> committer.complete(state, rollover));
        }
    }

    private void commitFinishedUploads() {
        for (PartitionState state : List.copyOf(partitions.values())) {
            committer.settle(state, false);
        }
    }

    private void resumeAfterBackoff() {
        Instant now = clock.instant();
        Set<TopicPartition> due = new HashSet<>();
        for (PartitionState state : partitions.values()) {
            if (state.resumeIfDue(now)) {
                due.add(state.partition());
            }
        }
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }

    private void reportLag() {
        for (TopicPartition partition : partitions.keySet()) {
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
        long lag = partitions.keySet().stream()
                .mapToLong(p -> consumer.currentLag(p).orElse(0))
                .sum();
        long files = committer.uploadedFiles() - filesAtProgress;
        if (files > 0 || lag > 0) {
            log.info(
                    "Archived {} records in {} files in the last {}s; {} records to go on {} partitions",
                    committer.uploadedRecords() - recordsAtProgress,
                    files,
                    Duration.between(lastProgressAt, now).toSeconds(),
                    lag,
                    partitions.size());
        }
        lastProgressAt = now;
        recordsAtProgress = committer.uploadedRecords();
        filesAtProgress = committer.uploadedFiles();
    }

    private void forgetAll(Collection<TopicPartition> revoked) {
        for (TopicPartition partition : List.copyOf(revoked)) {
            partitions.remove(partition);
            status.released(partition);
            metrics.released(partition);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
            Instant now = clock.instant();
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata last = committed.get(partition);
                long start = last != null ? last.offset() : consumer.position(partition);
                Instant watermark = last != null ? WatermarkMetadata.decode(last.metadata()) : null;
                partitions.put(
                        partition,
                        new PartitionState(
                                partition,
                                new PartitionWriter(
                                        partition.topic(),
                                        partition.partition(),
                                        policy,
                                        keys,
                                        gzip,
                                        start,
                                        watermark,
                                        now)));
                consumer.seek(partition, start);
                status.assigned(partition);
                if (last != null) {
                    metrics.committed(partition, last.offset());
                }
            }
            log.info("Assigned {}", assigned);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (!revoked.isEmpty()) {
                for (TopicPartition partition : revoked) {
                    PartitionState state = partitions.get(partition);
                    if (state != null) {
                        committer.settle(state, true); // still ours: commit what is already on its way to S3
                    }
                }
                forgetAll(revoked);
                log.info("Revoked {}", revoked);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            if (!lost.isEmpty()) {
                forgetAll(lost);
                log.info("Lost {}", lost);
            }
        }
    }
}
