package dev.pinpipeline.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinpipeline.batch.io.CuratedWriter;
import dev.pinpipeline.batch.io.InputFormat;
import dev.pinpipeline.batch.io.OutputFormat;
import dev.pinpipeline.cli.DurationConverter;
import dev.pinpipeline.schema.SchemaVersion;
import dev.pinpipeline.spark.PipelineEnvironment;
import dev.pinpipeline.spark.PostgresSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class DailyBatchJobCommandTest {

    private static final PipelineEnvironment ENV = PipelineEnvironment.from(
            Map.of("S3_BUCKET", "bucket", "PINS_TOPIC", "Pins", "POSTGRES_URL", "jdbc:postgresql://db:5432/pins"));

    @Test
    void oneDateDefaultsToTheArchiveLayoutInTheBucket() {
        BatchJobConfig config = parse("--date", "2026-11-26");

        assertThat(config.days()).containsExactly(LocalDate.parse("2026-11-26"));
        assertThat(config.inputFor(LocalDate.parse("2026-11-26"))).isEqualTo("s3a://bucket/raw/Pins/dt=2026-11-26");
        assertThat(config.successMarkerFor(LocalDate.parse("2026-11-26")))
                .contains("s3a://bucket/raw/Pins/dt=2026-11-26/_SUCCESS");
        assertThat(config.output(CuratedWriter.EVENTS)).isEqualTo("s3a://bucket/curated/events");
        assertThat(config.inputFormat()).isEqualTo(InputFormat.ARCHIVE);
        assertThat(config.outputFormat()).isEqualTo(OutputFormat.PARQUET);
        assertThat(config.requireSuccess()).isTrue();
        assertThat(config.waitForSuccess()).isZero();
        assertThat(config.postgres()).map(PostgresSettings::jdbcUrl).contains("jdbc:postgresql://db:5432/pins");
    }

    @Test
    void backfillCoversFromToInclusive() {
        BatchJobConfig config = parse("--from", "2026-11-29", "--to", "2026-12-01");

        assertThat(config.days())
                .extracting(LocalDate::toString)
                .containsExactly("2026-11-29", "2026-11-30", "2026-12-01");
    }

    @Test
    void optionsOverrideTheDefaults() {
        BatchJobConfig config = parse(
                "--date",
                "2026-11-26",
                "--input",
                "file:///tmp/raw/",
                "--output",
                "file:///tmp/out",
                "--output-format",
                "JSON",
                "--no-require-success",
                "--wait-for-success",
                "10m",
                "--no-postgres");

        assertThat(config.inputFor(LocalDate.parse("2026-11-26"))).isEqualTo("file:///tmp/raw/dt=2026-11-26");
        assertThat(config.requireSuccess()).isFalse();
        assertThat(config.successMarkerFor(LocalDate.parse("2026-11-26")))
                .contains("file:///tmp/raw/dt=2026-11-26/_SUCCESS");
        assertThat(config.output("rejects")).isEqualTo("file:///tmp/out/rejects");
        assertThat(config.outputFormat()).isEqualTo(OutputFormat.JSON);
        assertThat(config.waitForSuccess()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.postgres()).isEmpty();
    }

    @Test
    void pinsInputIsReadAsGivenWithDatePlaceholder() {
        BatchJobConfig config = parse(
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-02",
                "--input-format",
                "pins",
                "--input",
                "file:///data/pins-{date}.jsonl");

        assertThat(config.inputFor(LocalDate.parse("2026-11-02"))).isEqualTo("file:///data/pins-2026-11-02.jsonl");
        assertThat(config.successMarkerFor(LocalDate.parse("2026-11-02"))).isEmpty();
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void rejectsDateTogetherWithRange() {
        assertUsageError(
                "either --date or --from/--to", "--date", "2026-11-26", "--from", "2026-11-01", "--to", "2026-11-02");
    }

    @Test
    void rejectsMissingDate() {
        assertUsageError("give --date");
    }

    @Test
    void rejectsReversedRange() {
        assertUsageError("before --from", "--from", "2026-11-02", "--to", "2026-11-01");
    }

    @Test
    void rejectsPinsWithoutInput() {
        assertUsageError("needs --input", "--date", "2026-11-26", "--input-format", "pins");
    }

    @Test
    void rejectsPinsBackfillWithoutDatePlaceholder() {
        assertUsageError(
                "{date}",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-02",
                "--input-format",
                "pins",
                "--input",
                "file:///data/pins.jsonl");
    }

    @Test
    void rejectsMalformedDate() {
        DailyBatchJob job = new DailyBatchJob(ENV);
        assertThatThrownBy(() -> DailyBatchJob.commandLine(job).parseArgs("--date", "26/11/2026"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--date");
    }

    @Test
    void badArgumentsExitWithTheUsageCodeBeforeSparkStarts() {
        CommandLine commandLine = DailyBatchJob.commandLine(new DailyBatchJob(ENV));
        commandLine.setErr(new java.io.PrintWriter(new java.io.StringWriter()));

        assertThat(commandLine.execute("--from", "2026-11-01")).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    private static BatchJobConfig parse(String... args) {
        DailyBatchJob job = new DailyBatchJob(ENV);
        DailyBatchJob.commandLine(job).parseArgs(args);
        return job.config();
    }

    private static void assertUsageError(String message, String... args) {
        assertThatThrownBy(() -> parse(args))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aSchemaOlderThanTheJobNeedsExitsWithItsOwnCodeAndOneLine() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine command = DailyBatchJob.commandLine(new DailyBatchJob(ENV)).setErr(new PrintWriter(err, true));

        int code = command.getExecutionExceptionHandler()
                .handleExecutionException(
                        new SchemaVersion.TooOld("jdbc:postgresql://db:5432/pins", OptionalInt.empty()), command, null);

        assertThat(code).isEqualTo(SchemaVersion.EXIT_CODE).isEqualTo(4);
        assertThat(err.toString().strip())
                .doesNotContain("\n")
                .startsWith(
                        "daily-batch: The database schema at " + "jdbc:postgresql://db:5432/pins is at version none")
                .contains("needs version " + SchemaVersion.REQUIRED);
    }
}
