package dev.pinpipeline.streaming;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How the query is triggered. */
enum TriggerMode {

    /** Micro-batches ({@code foreachBatch}): a batch per trigger interval, each written in chunky transactions. */
    MICRO_BATCH("micro-batch", "0 seconds"),
    /** Spark's real-time mode ({@code Trigger.RealTime}, per-row ForeachWriter): rows flow as they arrive. */
    REAL_TIME("real-time", "5 minutes");

    private final String label;
    private final String defaultInterval;

    TriggerMode(String label, String defaultInterval) {
        this.label = label;
        this.defaultInterval = defaultInterval;
    }

    /**
     * The default interval: for micro-batch the time between batch starts (0 = the next batch as soon as the
     * previous one is written); for real-time the checkpoint interval, Spark's own default of 5 minutes (its minimum is
     * 5 seconds): rows flow continuously either way, but the query pauses at each checkpoint to commit and start the
     * next batch, so a short interval puts those pauses into the tail latency.
     */
    public String defaultInterval() {
        return defaultInterval;
    }

    @Override
    public String toString() {
        return label;
    }

    public static TriggerMode parse(String text) {
        return Arrays.stream(values())
                .filter(mode ->
                        mode.label.equalsIgnoreCase(text.trim()) || mode.name().equalsIgnoreCase(text.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown trigger mode '" + text + "', expected one of "
                        + Arrays.stream(values()).map(TriggerMode::toString).collect(Collectors.joining(", "))));
    }
}
