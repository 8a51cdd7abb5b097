package dev.pinpipeline.bench.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * One fault injected: what was killed, when, and how long until the pipeline made progress again through it
 * (null when it did not within the scheduler's limit).
 *
 * @param note what happened, e.g. that spark-batch was caught mid-write
 */
record Fault(Component component, Instant killedAt, Duration recovery, String note) {

    boolean survived() {
        return recovery != null;
    }
}
