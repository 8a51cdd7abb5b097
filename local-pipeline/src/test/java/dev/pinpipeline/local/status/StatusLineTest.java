package dev.pinpipeline.local.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void showsEveryCounterWithThousandsSeparators() {
        String line = StatusLine.render(new PipelineStatus(1077, 1077, 1000, 1077, 877, Duration.ofMillis(412)));

        assertThat(line)
                .isEqualTo(
                        "posted 1,077 │ kafka 1,077 │ archived 1,000 │ postgres 1,077 events, 877 pins │ latency p50 412 ms");
    }

    @Test
    void showsADashForWhatCannotBeReadYet() {
        String line = StatusLine.render(new PipelineStatus(-1, 0, -1, -1, -1, null));

        assertThat(line).isEqualTo("posted - │ kafka 0 │ archived - │ postgres - events, - pins │ latency p50 -");
    }

    @Test
    void showsLongLatenciesInSeconds() {
        assertThat(StatusLine.latency(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
    }

    @Test
    void namesWhatIsDownAndWhatWasRestarted() {
        PipelineStatus status = new PipelineStatus(10, 10, 0, 10, 9, null);

        String line = StatusLine.render(
                status,
                List.of(
                        new ComponentNote("Kafka", true, 0),
                        new ComponentNote("ingest-api", false, 2),
                        new ComponentNote("spark-streaming", true, 1)));

        assertThat(line)
                .endsWith("latency p50 - │ Kafka down, restarting │ spark-streaming down, restarting"
                        + " │ restarted ingest-api 2×, spark-streaming 1×");
    }

    @Test
    void isTheUsualLineWhenNothingDied() {
        PipelineStatus status = new PipelineStatus(10, 10, 0, 10, 9, null);

        assertThat(StatusLine.render(status, List.of())).isEqualTo(StatusLine.render(status));
    }
}
