package dev.pinpipeline.streaming;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The trigger the job runs with. Spark's real-time mode runs one long task per Kafka partition for the whole
 * checkpoint interval, so it needs one core per partition: with fewer cores, a partition without a core waits for
 * a whole batch (the interval, 5 minutes by default) before any of its records is written. So when the job has
 * fewer cores than the topic has partitions, or the partitions cannot be counted (no topic yet, Kafka not
 * answering), it runs in micro-batch mode instead, with micro-batch's own interval (a real-time interval is a
 * checkpoint interval, far too long between micro-batches), and says why in one warning.
 *
 * @param config  the configuration to run with
 * @param warning why the requested trigger was changed, and how to get it; empty when it was kept
 */
record TriggerChoice(StreamingConfig config, Optional<String> warning) {

    /** The trigger for {@code requested}, given the topic's partitions and the job's cores. */
    static TriggerChoice of(StreamingConfig requested, OptionalInt partitions, int cores) {
        if (requested.trigger() != TriggerMode.REAL_TIME
                || (partitions.isPresent() && partitions.getAsInt() <= cores)) {
            return new TriggerChoice(requested, Optional.empty());
        }
        StreamingConfig microBatch =
                requested.withTrigger(TriggerMode.MICRO_BATCH, TriggerMode.MICRO_BATCH.defaultInterval());
        String why = partitions.isPresent()
                ? "%s has %d partitions but the job has %d cores"
                        .formatted(requested.topic(), partitions.getAsInt(), cores)
                : "the partitions of %s could not be counted (no such topic yet, or Kafka did not answer)"
                        .formatted(requested.topic());
        String how = partitions.isPresent()
                ? "give the job at least %1$d cores (local[%1$d], spark.cores.max) or use a topic with at most %2$d "
                        + "partitions"
                : "start it once the topic exists, with at least one core per partition";
        how = how.formatted(partitions.orElse(0), cores);
        return new TriggerChoice(
                microBatch,
                Optional.of(("Real-time mode needs one core per Kafka partition, and "
                                + "%s: running in micro-batch mode instead (a batch every %s). For real-time, %s.")
                        .formatted(why, microBatch.interval(), how)));
    }
}
