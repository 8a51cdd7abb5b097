package dev.pinpipeline.bench.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The daily job's floor: only what no version of it can avoid. Reads one archive day's gzip JSON lines, parses each
 * line with its pin (the pin's twelve fields as text, as the cleaning's parse reads them), and writes one Parquet
 * dataset. No cleaning, no dedup, no snapshot, no analytics. Same session settings as the job in local mode.
 *
 * <p>Usage: {@code DailyFloorJob <master> <archive day folder> <output folder>} (see bench/batch/job-day.sh, which
 * compiles this one file against spark-batch's classpath and runs it in its own JVM, like the job).
 */
public final class DailyFloorJob {

    private static final StructType PIN = new StructType()
            .add("index", DataTypes.StringType)
            .add("unique_id", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("description", DataTypes.StringType)
            .add("poster_name", DataTypes.StringType)
            .add("follower_count", DataTypes.StringType)
            .add("tag_list", DataTypes.StringType)
            .add("is_image_or_video", DataTypes.StringType)
            .add("image_src", DataTypes.StringType)
            .add("downloaded", DataTypes.StringType)
            .add("save_location", DataTypes.StringType)
            .add("category", DataTypes.StringType);

    private static final StructType LINE = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("ingested_at", DataTypes.TimestampType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("pin", PIN);

    private DailyFloorJob() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: DailyFloorJob <master> <archive day folder> <output folder>");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder()
                .appName("daily-floor")
                .master(args[0])
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        try {
            spark.read()
                    .option("recursiveFileLookup", "true")
                    .text(args[1])
                    .select(from_json(col("value"), LINE, Map.of()).as("e"))
                    .select(
                            col("e.event_id"),
                            col("e.ingested_at"),
                            col("e.topic"),
                            col("e.partition"),
                            col("e.offset"),
                            col("e.pin.*"))
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(args[2]);
        } finally {
            spark.stop();
        }
    }
}
