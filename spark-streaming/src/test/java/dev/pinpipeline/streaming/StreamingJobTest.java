package dev.pinpipeline.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinpipeline.streaming.sink.SinkSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamingJobTest {

    private static StreamingConfig parse(String... args) {
        StreamingJob job = new StreamingJob();
        new CommandLine(job).parseArgs(args);
        return job.config();
    }

    @Test
    void theDeadLetterTopicDefaultsToTheTopicWithADlqSuffix() {
        assertThat(parse("--topic=pins").deadLetterTopic()).isEqualTo("pins.dlq");
        assertThat(parse("--topic=pins", "--dlq-topic=errors").deadLetterTopic())
                .isEqualTo("errors");
    }

    @Test
    void theDefaultTriggerIsRealTimeWithAFiveMinuteCheckpointInterval() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("STREAMING_TRIGGER") == null, "STREAMING_TRIGGER is set");
        assertThat(parse().trigger()).isEqualTo(TriggerMode.REAL_TIME);
        assertThat(parse().interval()).isEqualTo("5 minutes");
    }

    @Test
    void eachTriggerModeHasItsOwnDefaultInterval() {
        assertThat(parse("--trigger=micro-batch").interval()).isEqualTo("0 seconds");
        assertThat(parse("--trigger=real-time").interval()).isEqualTo("5 minutes");
        assertThat(parse("--trigger=micro-batch", "--trigger-interval=2 seconds")
                        .interval())
                .isEqualTo("2 seconds");
    }

    @Test
    void theTriggerIntervalTakesTheToolsDurationFormatAsWellAsSparks() {
        assertThat(parse("--trigger=micro-batch", "--trigger-interval=30s").interval())
                .isEqualTo("30 seconds");
        assertThat(parse("--trigger=real-time", "--trigger-interval=PT1M").interval())
                .isEqualTo("60 seconds");
        assertThat(parse("--trigger=micro-batch", "--trigger-interval=1m30s").interval())
                .isEqualTo("90 seconds");
        assertThat(parse("--trigger=micro-batch", "--trigger-interval=500ms").interval())
                .isEqualTo("500 milliseconds");
        assertThat(parse("--trigger=micro-batch", "--trigger-interval=1 minute").interval())
                .isEqualTo("1 minute");
    }

    @Test
    void retryDurationsTakeTheToolsDurationFormat() {
        assertThat(parse("--retry-max-backoff=5s", "--retry-max-time=1h30m").sinkSettings())
                .returns(Duration.ofSeconds(5), SinkSettings::maxBackoff)
                .returns(Duration.ofMinutes(90), SinkSettings::maxRetryTime);
        assertThat(parse().sinkSettings().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void dataLossFailsByDefaultAndCanBeSkipped() {
        assertThat(parse().failOnDataLoss()).isTrue();
        assertThat(parse("--fail-on-data-loss=false").failOnDataLoss()).isFalse();
    }

    @Test
    void retriesGoOnForeverByDefault() {
        assertThat(parse().sinkSettings().maxRetryTime()).isEqualTo(Duration.ZERO);
        assertThat(parse("--retry-max-backoff=PT5S").sinkSettings().maxBackoff())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownTriggerModeIsAClearError() {
        assertThatThrownBy(() -> parse("--trigger=continuous"))
                .hasMessageContaining("unknown trigger mode 'continuous'")
                .hasMessageContaining("micro-batch, real-time");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(parse("--postgres-password=s3cret").toString()).doesNotContain("s3cret");
        assertThat(parse("--postgres-password=s3cret").sinkSettings().toString())
                .doesNotContain("s3cret");
    }
}
