package dev.pinpipeline.batch;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.cleaning.PinSnapshots;

/**
 * Processes one day: read → clean → write curated data, analytics (Parquet + PostgreSQL) → a {@link DayResult}.
 * Reading, transforming and writing are separate: {@link RawEventReader}, pin-cleaning and {@link DailyAnalytics},
 * {@link CuratedWriter} and {@link AnalyticsDatabase}.
 */
public final class DailyBatch {

    private static final Logger log = LoggerFactory.getLogger(DailyBatch.class);

    private final SparkSession spark;
    private final BatchJobConfig config;
    private final RawEventReader reader;
    private final CuratedWriter writer;
    private final Optional<AnalyticsDatabase> database;
    private final SuccessMarker successMarker;

    public DailyBatch(SparkSession spark, BatchJobConfig config) {
        this.spark = spark;
        this.config = config;
        this.reader = new RawEventReader(spark);
        this.writer = new CuratedWriter(config);
        this.database = config.postgres().map(AnalyticsDatabase::new);
        this.successMarker = new SuccessMarker(spark.sparkContext().hadoopConfiguration(), Clock.systemUTC());
    }

    /** Creates or upgrades the analytics tables, once per run. */
    public void prepare() {
        database.ifPresent(AnalyticsDatabase::migrate);
    }

    public DayResult process(LocalDate day) {
        String input = config.inputFor(day);
        config.successMarkerFor(day).ifPresent(marker -> successMarker.await(marker, config.waitForSuccess()));
        log.info("Processing dt={} from {} ({})", day, input, config.inputFormat().name().toLowerCase());

        Dataset<Row> raw = reader.read(config.inputFormat(), input, day);
        Dataset<Row> classified = PinCleaning.classify(raw).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return process(day, input, classified);
        } finally {
            classified.unpersist();
        }
    }

    private DayResult process(LocalDate day, String input, Dataset<Row> classified) {
        Dataset<Row> cleaned = PinCleaning.cleaned(classified);
        Dataset<Row> rejects = PinCleaning.rejects(classified);

        Map<String, Long> rejectsByReason = new LinkedHashMap<>();
        for (Row row : DailyAnalytics.rejectsByReason(rejects).collectAsList()) {
            rejectsByReason.put(row.getString(0), row.getLong(1));
        }
        long cleanedCount = cleaned.count();
        long rejectCount = rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
        if (cleanedCount + rejectCount == 0) {
            log.info("No data for dt={} in {}: nothing written", day, input);
            return DayResult.empty(day, input);
        }

        Dataset<Row> snapshot = PinSnapshots.latestPerPin(cleaned);
        writer.writeRecords(CuratedWriter.EVENTS, cleaned, day);
        writer.writeRecords(CuratedWriter.REJECTS, rejects, day);
        writer.writeRecords(CuratedWriter.PINS_SNAPSHOT, snapshot, day);
        long distinctPins = spark.read().format(config.outputFormat().sparkFormat())
                .load(config.output(CuratedWriter.PINS_SNAPSHOT) + "/dt=" + day).count();

        List<Row> categoryRows = DailyAnalytics.categoryStats(cleaned).collectAsList();
        List<Row> posterRows = DailyAnalytics.topPosters(cleaned).collectAsList();
        List<Row> tagRows = DailyAnalytics.topTags(cleaned).collectAsList();
        StructType categorySchema = DailyAnalytics.categoryStats(cleaned).schema();
        writer.writeAnalytics(CuratedWriter.CATEGORY_STATS, spark.createDataFrame(categoryRows, categorySchema), day);
        writer.writeAnalytics(CuratedWriter.TOP_POSTERS,
                spark.createDataFrame(posterRows, DailyAnalytics.topPosters(cleaned).schema()), day);
        writer.writeAnalytics(CuratedWriter.TOP_TAGS,
                spark.createDataFrame(tagRows, DailyAnalytics.topTags(cleaned).schema()), day);

        DayResult result = new DayResult(day, input, cleanedCount + rejectCount, cleanedCount, distinctPins,
                rejectsByReason,
                categoryRows.stream().map(DayResult.CategoryStat::of).toList(),
                posterRows.stream().map(DayResult.TopPoster::of).toList(),
                tagRows.stream().map(DayResult.TopTag::of).toList());
        database.ifPresent(db -> db.replaceDay(result));
        return result;
    }
}
