package dev.pinpipeline.batch.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import dev.pinpipeline.batch.io.AnalyticsDatabase;
import dev.pinpipeline.batch.io.CuratedWriter;
import dev.pinpipeline.batch.io.RawEventReader;
import dev.pinpipeline.batch.io.SuccessMarker;
import dev.pinpipeline.batch.report.DayCounts;
import dev.pinpipeline.batch.report.DayResult;
import dev.pinpipeline.batch.transform.DailyAnalytics;
import dev.pinpipeline.batch.transform.RepeatedEvents;
import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.cleaning.PinSnapshots;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one day: read → clean → write curated data, analytics (Parquet + PostgreSQL) → a {@link DayResult}.
 * Reading, transforming and writing are separate: {@link RawEventReader}, pin-cleaning and {@link DailyAnalytics},
 * {@link CuratedWriter} and {@link AnalyticsDatabase}.
 */
final class DailyBatch {

    private static final Logger log = LoggerFactory.getLogger(DailyBatch.class);

    private final SparkSession spark;
    private final BatchJobConfig config;
    private final RawEventReader reader;
    private final CuratedWriter writer;
    private final Optional<AnalyticsDatabase> database;
    private final SuccessMarker successMarker;

    DailyBatch(SparkSession spark, BatchJobConfig config) {
        this.spark = spark;
        this.config = config;
        this.reader = new RawEventReader(spark);
        this.writer = new CuratedWriter(
                config::output, config.outputFormat(), spark.sparkContext().hadoopConfiguration());
        this.database = config.postgres().map(AnalyticsDatabase::new);
        this.successMarker = new SuccessMarker(spark.sparkContext().hadoopConfiguration(), Clock.systemUTC());
    }

    /** Checks, once per run, that the analytics tables are at the schema version this job needs. */
    void prepare() {
        database.ifPresent(AnalyticsDatabase::checkSchema);
    }

    DayResult process(LocalDate day) {
        String input = config.inputFor(day);
        boolean complete = isComplete(day);
        log.info(
                "Processing dt={} from {} ({})",
                day,
                input,
                config.inputFormat().name().toLowerCase());

        Dataset<Row> raw = reader.read(config.inputFormat(), input, day);
        Dataset<Row> classified =
                rawTextOfRejectsOnly(PinCleaning.classify(raw)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return process(day, input, complete, withoutRepeats(day, classified));
        } finally {
            classified.unpersist();
        }
    }

    /** Each event once: the records that repeat an event_id (a client's retry) are left out, with a log line. */
    private static Dataset<Row> withoutRepeats(LocalDate day, Dataset<Row> classified) {
        List<Row> repeated = RepeatedEvents.find(classified).collectAsList();
        if (repeated.isEmpty()) {
            return classified;
        }
        long extra = repeated.stream()
                .mapToLong(row -> row.<Long>getAs("records") - 1)
                .sum();
        log.info(
                "dt={}: left out {} record(s) repeating the event_id of an earlier one ({} event id(s), e.g. {}):"
                        + " each event counts once",
                day,
                extra,
                repeated.size(),
                repeated.get(0).<String>getAs("event_id"));
        return RepeatedEvents.firstRecords(
                classified,
                classified
                        .sparkSession()
                        .createDataFrame(repeated, repeated.get(0).schema()));
    }

    /**
     * Whether the day is closed: awaits its {@code _SUCCESS} when required (or fails), otherwise looks it up once.
     * A day read without it is processed, and labelled partial in the report and in PostgreSQL.
     */
    private boolean isComplete(LocalDate day) {
        Optional<String> marker = config.successMarkerFor(day);
        if (marker.isEmpty()) {
            return true;
        }
        if (config.requireSuccess()) {
            successMarker.await(marker.get(), config.waitForSuccess());
            return true;
        }
        if (successMarker.exists(marker.get())) {
            return true;
        }
        log.warn(
                "dt={} has no {} (batch-consumer has not closed it): processing what is archived so far",
                day,
                marker.get());
        return false;
    }

    private DayResult process(LocalDate day, String input, boolean complete, Dataset<Row> classified) {
        Dataset<Row> cleaned = PinCleaning.cleaned(classified);
        Dataset<Row> rejects = PinCleaning.rejects(classified);

        DayCounts counts =
                DayCounts.of(DailyAnalytics.countsByRejectReason(classified).collectAsList());
        if (counts.events() == 0) {
            // The day's outputs follow its input: a re-run that finds nothing leaves nothing of an earlier run.
            log.info("No data for dt={} in {}", day, input);
            CuratedWriter.DATASETS.forEach(dataset -> writer.clearDay(dataset, day));
            DayResult empty = DayResult.empty(day, input, complete);
            database.ifPresent(db -> db.replaceDay(empty));
            return empty;
        }

        // Every output below reads the cached day; Spark runs their jobs side by side, so one job's last tasks, its
        // planning and its commit no longer leave the cores idle. The analytics tables come from the day's event
        // groups (DailyAnalytics.eventGroups, cached: one aggregation of the events for all three); each table is
        // small: collected once, then written from the driver (no second computation).
        Dataset<Row> snapshot = PinSnapshots.latestPerPin(cleaned);
        Dataset<Row> eventGroups = DailyAnalytics.eventGroups(cleaned).persist(StorageLevel.MEMORY_AND_DISK());
        try (ParallelSteps steps = new ParallelSteps()) {
            steps.run(() -> writeOrClear(CuratedWriter.EVENTS, cleaned, counts.cleaned(), day));
            steps.run(() -> writeOrClear(CuratedWriter.REJECTS, rejects, counts.events() - counts.cleaned(), day));
            steps.run(() -> writeOrClear(CuratedWriter.PINS_SNAPSHOT, snapshot, counts.distinctPins(), day));
            CompletableFuture<List<Row>> categoryRows = steps.get(
                    () -> writeCollected(CuratedWriter.CATEGORY_STATS, DailyAnalytics.categoryStats(eventGroups), day));
            CompletableFuture<List<Row>> posterRows = steps.get(
                    () -> writeCollected(CuratedWriter.TOP_POSTERS, DailyAnalytics.topPosters(eventGroups), day));
            CompletableFuture<List<Row>> tagRows =
                    steps.get(() -> writeCollected(CuratedWriter.TOP_TAGS, DailyAnalytics.topTags(eventGroups), day));

            DayResult result = new DayResult(
                    day,
                    input,
                    complete,
                    counts.events(),
                    counts.cleaned(),
                    counts.distinctPins(),
                    counts.rejectsByReason(),
                    steps.await(categoryRows).stream()
                            .map(DayResult.CategoryStat::of)
                            .toList(),
                    steps.await(posterRows).stream()
                            .map(DayResult.TopPoster::of)
                            .toList(),
                    steps.await(tagRows).stream().map(DayResult.TopTag::of).toList());
            steps.awaitAll();
            database.ifPresent(db -> db.replaceDay(result));
            return result;
        } finally {
            eventGroups.unpersist();
        }
    }

    /**
     * The raw JSON text ({@code value}) is written only with the rejects; dropping it from the clean events before
     * caching keeps most of the cache's bytes, and the work of compressing them, out of it.
     */
    private static Dataset<Row> rawTextOfRejectsOnly(Dataset<Row> classified) {
        return classified.withColumn("value", when(col("reject_reason").isNotNull(), col("value")));
    }

    private void writeOrClear(String dataset, Dataset<Row> rows, long count, LocalDate day) {
        if (count == 0) {
            writer.clearDay(dataset, day);
        } else {
            writer.writeRecords(dataset, rows, day);
        }
    }

    private List<Row> writeCollected(String dataset, Dataset<Row> table, LocalDate day) {
        List<Row> rows = table.collectAsList();
        if (rows.isEmpty()) {
            writer.clearDay(dataset, day);
        } else {
            writer.writeAnalytics(dataset, spark.createDataFrame(rows, table.schema()), day);
        }
        return rows;
    }
}
