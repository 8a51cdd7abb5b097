package dev.pinpipeline.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TriggerChoiceTest {

    private static StreamingConfig config(TriggerMode mode, String interval) {
        return new StreamingConfig(
                "kafka:9092",
                "pins",
                "pins.dlq",
                "jdbc:postgresql://pg/pins",
                "pins",
                "pins",
                "checkpoints",
                mode,
                interval,
                "earliest",
                true,
                Optional.empty(),
                Duration.ofSeconds(30),
                Duration.ZERO);
    }

    @Test
    void realTimeIsKeptWithACorePerPartition() {
        StreamingConfig requested = config(TriggerMode.REAL_TIME, "5 minutes");

        for (int partitions : new int[] {1, 2}) {
            TriggerChoice choice = TriggerChoice.of(requested, OptionalInt.of(partitions), 2);

            assertThat(choice.config()).isEqualTo(requested);
            assertThat(choice.warning()).isEmpty();
        }
    }

    @Test
    void realTimeWithMorePartitionsThanCoresRunsInMicroBatchModeAtMicroBatchsInterval() {
        TriggerChoice choice = TriggerChoice.of(config(TriggerMode.REAL_TIME, "5 minutes"), OptionalInt.of(3), 2);

        assertThat(choice.config()).isEqualTo(config(TriggerMode.MICRO_BATCH, "0 seconds"));
        assertThat(choice.warning())
                .hasValueSatisfying(warning -> assertThat(warning)
                        .contains(
                                "one core per Kafka partition",
                                "pins has 3 partitions but the job has 2 cores",
                                "micro-batch mode",
                                "at least 3 cores (local[3], spark.cores.max)",
                                "at most 2 partitions")
                        .doesNotContain("seconds of latency"));
    }

    @Test
    void anExplicitRealTimeIntervalIsNotTakenAsTheTimeBetweenMicroBatches() {
        TriggerChoice choice = TriggerChoice.of(config(TriggerMode.REAL_TIME, "1 minute"), OptionalInt.of(4), 1);

        assertThat(choice.config().trigger()).isEqualTo(TriggerMode.MICRO_BATCH);
        assertThat(choice.config().interval()).isEqualTo("0 seconds");
    }

    @Test
    void realTimeWithPartitionsThatCannotBeCountedRunsInMicroBatchMode() {
        TriggerChoice choice = TriggerChoice.of(config(TriggerMode.REAL_TIME, "5 minutes"), OptionalInt.empty(), 8);

        assertThat(choice.config().trigger()).isEqualTo(TriggerMode.MICRO_BATCH);
        assertThat(choice.warning())
                .hasValueSatisfying(
                        warning -> assertThat(warning).contains("could not be counted", "micro-batch mode"));
    }

    @Test
    void microBatchIsAlwaysKept() {
        StreamingConfig requested = config(TriggerMode.MICRO_BATCH, "2 seconds");

        TriggerChoice choice = TriggerChoice.of(requested, OptionalInt.of(12), 1);

        assertThat(choice.config()).isEqualTo(requested);
        assertThat(choice.warning()).isEmpty();
    }
}
