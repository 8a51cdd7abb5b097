package dev.pinpipeline.batch.io;

import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one day's datasets below the output root, each partitioned by {@code dt}. Dynamic partition overwrite:
 * re-running a day replaces that day's partition and leaves every other day untouched.
 */
public final class CuratedWriter {

    public static final String EVENTS = "events";
    public static final String PINS_SNAPSHOT = "pins_snapshot";
    public static final String REJECTS = "rejects";
    public static final String CATEGORY_STATS = "analytics/category_stats";
    public static final String TOP_POSTERS = "analytics/top_posters";
    public static final String TOP_TAGS = "analytics/top_tags";
    /** Every dataset the job writes for a day. */
    public static final List<String> DATASETS =
            List.of(EVENTS, PINS_SNAPSHOT, REJECTS, CATEGORY_STATS, TOP_POSTERS, TOP_TAGS);

    private static final Logger log = LoggerFactory.getLogger(CuratedWriter.class);

    private final UnaryOperator<String> datasetPath;
    private final OutputFormat recordFormat;
    private final Configuration hadoopConf;

    /**
     * @param datasetPath  where a dataset goes, e.g. {@code events} → {@code s3a://bucket/curated/events}
     * @param recordFormat the format of events, snapshot and rejects
     */
    public CuratedWriter(UnaryOperator<String> datasetPath, OutputFormat recordFormat, Configuration hadoopConf) {
        this.datasetPath = datasetPath;
        this.recordFormat = recordFormat;
        this.hadoopConf = hadoopConf;
    }

    /** Events, snapshot and rejects, in the configured output format. */
    public void writeRecords(String dataset, Dataset<Row> rows, LocalDate day) {
        write(dataset, rows, day, recordFormat.sparkFormat());
    }

    /** Analytics tables: always Parquet. */
    public void writeAnalytics(String dataset, Dataset<Row> rows, LocalDate day) {
        write(dataset, rows, day, "parquet");
    }

    /**
     * Removes the day's partition of a dataset that has no rows for the day: dynamic partition overwrite only
     * replaces partitions it writes, so an empty result would otherwise leave an earlier run's rows in place.
     */
    public void clearDay(String dataset, LocalDate day) {
        String partition = datasetPath.apply(dataset) + "/dt=" + day;
        try {
            Path path = new Path(partition);
            FileSystem fs = path.getFileSystem(hadoopConf);
            if (fs.exists(path)) {
                fs.delete(path, true);
                log.info("No {} for dt={}: removed the earlier run's {}", dataset, day, partition);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + partition + ": " + e.getMessage(), e);
        }
    }

    private void write(String dataset, Dataset<Row> rows, LocalDate day, String format) {
        String path = datasetPath.apply(dataset);
        rows.withColumn("dt", lit(day.toString()).cast(DataTypes.DateType))
                .write()
                .mode(SaveMode.Overwrite)
                .option("partitionOverwriteMode", "dynamic")
                .partitionBy("dt")
                .format(format)
                .save(path);
        log.info("Wrote {} for dt={} to {}", dataset, day, path);
    }
}
