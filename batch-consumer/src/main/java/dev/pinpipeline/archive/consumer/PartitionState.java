package dev.pinpipeline.archive.consumer;

import dev.pinpipeline.archive.writer.PartitionWriter;
import dev.pinpipeline.archive.writer.Rollover;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything a poll loop holds for one partition it owns: its writer, the file on its way to S3, the dead-letter
 * sends not confirmed yet, and whether it waits for a retry. Created on assignment and dropped whole on revocation.
 */
final class PartitionState {

    /** A closed file on its way to S3; committed once the upload has returned. */
    record Upload(Rollover rollover, Future<Duration> took) {}

    private final TopicPartition partition;
    private final PartitionWriter writer;
    private Upload upload;
    private List<DeadLetterPublisher.Sent> deadLetters = new ArrayList<>();
    private Instant pausedUntil;
    private int failures;

    PartitionState(TopicPartition partition, PartitionWriter writer) {
        this.partition = partition;
        this.writer = writer;
    }

    TopicPartition partition() {
        return partition;
    }

    PartitionWriter writer() {
        return writer;
    }

    /** The file uploaded but not committed yet, or null. */
    Upload upload() {
        return upload;
    }

    void uploading(Upload upload) {
        this.upload = upload;
    }

    /** The uncommitted upload, which the caller now settles, or null. */
    Upload takeUpload() {
        Upload taken = upload;
        upload = null;
        return taken;
    }

    void deadLettered(DeadLetterPublisher.Sent sent) {
        deadLetters.add(sent);
    }

    /** The dead-letter sends to confirm before a commit past them; forgotten here. */
    List<DeadLetterPublisher.Sent> takeDeadLetters() {
        List<DeadLetterPublisher.Sent> taken = deadLetters;
        deadLetters = new ArrayList<>();
        return taken;
    }

    /** One more failure in a row; returns how many. */
    int failed() {
        return ++failures;
    }

    /** True when the partition had failed since its last commit (and is counted as recovered from now on). */
    boolean recovered() {
        boolean was = failures > 0;
        failures = 0;
        return was;
    }

    void pauseUntil(Instant until) {
        pausedUntil = until;
    }

    boolean paused() {
        return pausedUntil != null;
    }

    /** Ends the pause once its time has come; true when it did. */
    boolean resumeIfDue(Instant now) {
        if (pausedUntil != null && !now.isBefore(pausedUntil)) {
            pausedUntil = null;
            return true;
        }
        return false;
    }
}
