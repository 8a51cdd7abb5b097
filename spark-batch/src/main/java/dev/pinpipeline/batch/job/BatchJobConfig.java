package dev.pinpipeline.batch.job;

import dev.pinpipeline.batch.io.InputFormat;
import dev.pinpipeline.batch.io.OutputFormat;
import dev.pinpipeline.events.ArchiveKeys;
import dev.pinpipeline.spark.PostgresSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run of the job needs, parsed once in {@code main}; transformations never read configuration.
 *
 * @param days            the days to process, in order (one for {@code --date}, several for a backfill)
 * @param input           the archive root holding {@code dt=…} folders, or for {@code pins} a file or folder
 *                        (a {@code {date}} in it is replaced by each day)
 * @param inputFormat     archive or plain pins
 * @param outputRoot      the curated root: events/, pins_snapshot/, rejects/, analytics/… below it
 * @param outputFormat    the format of events, snapshot and rejects
 * @param requireSuccess  whether an archive day needs its {@code _SUCCESS} marker
 * @param waitForSuccess  how long to wait for a missing marker before failing (zero = check once)
 * @param postgres        where the analytics tables go; empty = not written to PostgreSQL
 */
public record BatchJobConfig(
        List<LocalDate> days,
        String input,
        InputFormat inputFormat,
        String outputRoot,
        OutputFormat outputFormat,
        boolean requireSuccess,
        Duration waitForSuccess,
        Optional<PostgresSettings> postgres) {

    public BatchJobConfig {
        days = List.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no day to process");
        }
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(inputFormat, "inputFormat");
        Objects.requireNonNull(outputRoot, "outputRoot");
        Objects.requireNonNull(outputFormat, "outputFormat");
        if (waitForSuccess.isNegative()) {
            throw new IllegalArgumentException("waitForSuccess must not be negative: " + waitForSuccess);
        }
    }

    /** The folder or file read for one day. */
    public String inputFor(LocalDate day) {
        return switch (inputFormat) {
            case ARCHIVE -> trimSlash(input) + "/" + ArchiveKeys.dayDirName(day);
            case PINS -> input.replace("{date}", day.toString());
        };
    }

    /**
     * The day's completion marker, written by batch-consumer when it closes the day (archive input only: a file of
     * pins has none). Awaited when {@link #requireSuccess}; otherwise only looked up, to label the day.
     */
    public Optional<String> successMarkerFor(LocalDate day) {
        return inputFormat == InputFormat.ARCHIVE
                ? Optional.of(inputFor(day) + "/" + ArchiveKeys.SUCCESS_MARKER)
                : Optional.empty();
    }

    /** A dataset below the output root, e.g. {@code events} or {@code analytics/category_stats}. */
    public String output(String dataset) {
        return trimSlash(outputRoot) + "/" + dataset;
    }

    private static String trimSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
