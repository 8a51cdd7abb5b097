package dev.pinpipeline.bench.batch;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.md5;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Raw events for the benchmark, made from the real sample: event i is sample line i mod 1077 with its
 * {@code unique_id} replaced by one of events/4 generated pins (so a pin arrives about four times, as with the
 * original emulator) and its {@code index} by i mod 11154; one event in 100 is a reject (not JSON, no unique_id, a
 * unique_id that is not a UUID).
 */
final class BenchmarkEvents {

    static final long START_MILLIS = 1_795_000_000_000L;

    private BenchmarkEvents() {}

    static Dataset<Row> generate(SparkSession spark, Path sampleDir, long events, int partitions) throws IOException {
        List<String> lines = sample(sampleDir);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            rows.add(RowFactory.create(i, lines.get(i)));
        }
        Dataset<Row> templates = spark.createDataFrame(
                rows, new StructType().add("t", DataTypes.IntegerType).add("line", DataTypes.StringType));

        Column id = col("id");
        Column pin = uuid(md5(concat(
                lit("pin-"), pmod(id, lit(Math.max(1, events / 4))).cast("string"))));
        Column value = regexp_replace(
                regexp_replace(
                        col("line"),
                        lit("\"unique_id\": \"[^\"]*\""),
                        concat(lit("\"unique_id\": \""), pin, lit("\""))),
                lit("\"index\": [0-9]+"),
                concat(lit("\"index\": "), pmod(id, lit(11154)).cast("string")));
        Column withRejects = when(pmod(id, lit(300)).equalTo(99), lit("{\"index\": 1, \"title\": \"truncated"))
                .when(pmod(id, lit(300)).equalTo(199), lit("{\"index\": 5, \"title\": \"no id\"}"))
                .when(
                        pmod(id, lit(300)).equalTo(299),
                        regexp_replace(value, lit("\"unique_id\": \"[^\"]*\""), lit("\"unique_id\": \"not-a-uuid\"")))
                .otherwise(value);

        return spark.range(0, events, 1, partitions)
                .withColumn("t", pmod(id, lit(lines.size())).cast("int"))
                .join(broadcast(templates), "t")
                .select(
                        uuid(md5(concat(lit("event-"), id.cast("string")))).as("event_id"),
                        timestamp_millis(id.plus(START_MILLIS)).as("ingested_at"),
                        lit("PinterestTopic").as("topic"),
                        pmod(id, lit(4)).cast("int").as("partition"),
                        id.as("offset"),
                        withRejects.as("value"));
    }

    private static Column uuid(Column hex) {
        return concat_ws(
                "-", hex.substr(1, 8), hex.substr(9, 4), hex.substr(13, 4), hex.substr(17, 4), hex.substr(21, 12));
    }

    private static List<String> sample(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".jsonl"))
                    .sorted()
                    .toList()) {
                Files.readAllLines(file).stream()
                        .filter(line -> !line.isBlank())
                        .forEach(lines::add);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no *.jsonl records in " + dir);
        }
        return lines;
    }
}
