package dev.pinpipeline.archive.monitoring;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/** What the poll loops of this instance are doing, for the health endpoint and the completeness tracker. */
public class ArchiveStatus {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, String> failing = new ConcurrentHashMap<>();
    private final AtomicInteger runningLoops = new AtomicInteger();
    private final AtomicInteger failedLoops = new AtomicInteger();
    private volatile Instant lastUploadAt;
    private volatile String s3Problem;

    public void assigned(TopicPartition partition) {
        assigned.add(partition);
    }

    public void released(TopicPartition partition) {
        assigned.remove(partition);
        failing.remove(partition);
    }

    public boolean owns(TopicPartition partition) {
        return assigned.contains(partition);
    }

    public Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(assigned);
    }

    public void failing(TopicPartition partition, String error) {
        failing.put(partition, error);
    }

    public void recovered(TopicPartition partition) {
        failing.remove(partition);
    }

    public Map<TopicPartition, String> failingPartitions() {
        return Map.copyOf(failing);
    }

    /** The bucket check at start-up failed; the loops wait for it. */
    public void s3Unavailable(String problem) {
        s3Problem = problem;
    }

    public void s3Available() {
        s3Problem = null;
    }

    /** Why the loops have not started, or null. */
    public String s3Problem() {
        return s3Problem;
    }

    public void uploaded(Instant at) {
        lastUploadAt = at;
    }

    public Instant lastUploadAt() {
        return lastUploadAt;
    }

    public void loopStarted() {
        runningLoops.incrementAndGet();
    }

    public void loopEnded(boolean failed) {
        runningLoops.decrementAndGet();
        if (failed) {
            failedLoops.incrementAndGet();
        }
    }

    public int runningLoops() {
        return runningLoops.get();
    }

    public int failedLoops() {
        return failedLoops.get();
    }
}
