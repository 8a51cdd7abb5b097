package dev.pinpipeline.emulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    @Test
    void theProgressLineShowsCountsRateAndLatencies() {
        Histogram latencies = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            latencies.recordValue(i * 100L); // 0.1 ms … 10 ms
        }
        RunStats.Snapshot now = new RunStats.Snapshot(0, 12_030, 12_030, 12_001, 0, 0, 3, latencies, latencies);

        assertThat(ProgressReporter.progressLine(now, 1002.4, Duration.ofSeconds(72)))
                .isEqualTo("0:01:12 sent 12,030 | accepted 12,001 | rejected 0 | retries 3 | lost 0 | in flight 29"
                        + " | 1,002 pins/s | p50 5.0 ms p99 9.9 ms");
    }

    @Test
    void theSummaryGivesEveryFigureOfTheRun() {
        Histogram latencies = new Histogram(3);
        latencies.recordValue(2_000);
        latencies.recordValue(40_000);
        RunStats.Snapshot last = new RunStats.Snapshot(0, 1_000, 100, 990, 7, 3, 12, new Histogram(3), latencies);

        String summary = ProgressReporter.summary(last, Duration.ofSeconds(10), "count reached");

        assertThat(summary)
                .contains(
                        "user-emulator: count reached after 0:00:10",
                        "sent      1,000 pins in 100 requests (100 pins/s)",
                        "accepted  990",
                        "rejected  7",
                        "retries   12",
                        "lost      3  (gave up",
                        "latency   p50 2.0 ms",
                        "max 40 ms (2 answers)");
    }
}
