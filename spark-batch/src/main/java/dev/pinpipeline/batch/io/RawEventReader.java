package dev.pinpipeline.batch.io;

import static org.apache.spark.sql.functions.col;

import dev.pinpipeline.batch.transform.RawEventTransforms;
import dev.pinpipeline.cleaning.RawEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Reads one day of input as raw events; the format-specific mapping is in {@link RawEventTransforms}. */
public final class RawEventReader {

    private final SparkSession spark;

    public RawEventReader(SparkSession spark) {
        this.spark = spark;
    }

    /** The day's raw events, or an empty dataset when the input does not exist. */
    public Dataset<Row> read(InputFormat format, String input, LocalDate day) {
        if (!exists(input)) {
            return spark.createDataFrame(java.util.List.of(), RawEvents.SCHEMA);
        }
        // Gzip files (the archive's .jsonl.gz) are decompressed by the text source; files starting with _ or . are
        // skipped.
        Dataset<Row> lines = spark.read()
                .option("recursiveFileLookup", "true")
                .text(input)
                .select(col("value").as("line"), col("_metadata.file_path").as("source"));
        return switch (format) {
            case ARCHIVE -> RawEventTransforms.archiveLinesToRawEvents(lines);
            case PINS -> RawEventTransforms.pinLinesToRawEvents(positioned(lines), day);
        };
    }

    /** Adds each line's position in the input (zipWithIndex: stable for the same files, unlike monotonic ids). */
    private Dataset<Row> positioned(Dataset<Row> lines) {
        JavaRDD<Row> indexed = lines.javaRDD()
                .zipWithIndex()
                .map(lineAndIndex -> RowFactory.create(
                        lineAndIndex._1().getString(0),
                        fileName(lineAndIndex._1().getString(1)),
                        lineAndIndex._2()));
        return spark.createDataFrame(indexed, RawEventTransforms.POSITIONED_LINES);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private boolean exists(String uri) {
        try {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the input " + uri + ": " + e.getMessage(), e);
        }
    }
}
