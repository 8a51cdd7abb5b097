package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same expressions run in a streaming query: no actions, no UDFs, nothing a stream refuses. */
class StreamingClassifyTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void streamingRawEventsAreClassifiedCleanedAndRejected(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.write(
                input.resolve("pins.jsonl"),
                List.of(
                        "{\"index\":1,\"unique_id\":\"FBE53C66-3442-4773-b19e-d3ec6f54dddf\",\"follower_count\":\"1.5k\"}",
                        "not json"));
        Dataset<Row> rawEvents = spark.readStream()
                .text(input.toString())
                .select(
                        lit("event").as("event_id"),
                        current_timestamp().as("ingested_at"),
                        lit("PinterestTopic").as("topic"),
                        lit(0).as("partition"),
                        lit(0L).as("offset"),
                        col("value"));

        Dataset<Row> classified = PinCleaning.classify(rawEvents);
        assertThat(PinCleaning.cleaned(classified).isStreaming()).isTrue();
        assertThat(PinCleaning.rejects(classified).isStreaming()).isTrue();

        List<Row> cleaned = runOnce(PinCleaning.cleaned(classified), "cleaned", dir);
        List<Row> rejects = runOnce(PinCleaning.rejects(classified), "rejects", dir);

        assertThat(cleaned).singleElement().satisfies(row -> {
            assertThat(row.<String>getAs("unique_id")).isEqualTo("fbe53c66-3442-4773-b19e-d3ec6f54dddf");
            assertThat(row.<Long>getAs("follower_count")).isEqualTo(1500L);
        });
        assertThat(rejects).singleElement().satisfies(row -> {
            assertThat(row.<String>getAs("value")).isEqualTo("not json");
            assertThat(row.<String>getAs("reason")).isEqualTo(PinCleaning.NOT_A_JSON_OBJECT);
        });
    }

    private static List<Row> runOnce(Dataset<Row> stream, String name, Path dir) throws Exception {
        StreamingQuery query = stream.writeStream()
                .format("memory")
                .queryName(name)
                .option("checkpointLocation", dir.resolve("checkpoint-" + name).toString())
                .trigger(Trigger.AvailableNow())
                .start();
        query.awaitTermination();
        return spark.table(name).collectAsList();
    }
}
