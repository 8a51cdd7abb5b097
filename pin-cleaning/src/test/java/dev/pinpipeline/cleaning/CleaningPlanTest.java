package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.spark.LocalSpark;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What Spark makes of the cleaning: the cleaner runs once per record, also under the jobs' filters. */
class CleaningPlanTest {

    private static final Pattern CLEANER_CALL = Pattern.compile("pin_cleaning\\(");
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
    void classifyCleanedAndRejectsCallTheCleanerOncePerRecord() {
        // not a local relation, which Spark would clean while planning
        Dataset<Row> raw = spark.range(3)
                .select(
                        lit("event").as("event_id"),
                        current_timestamp().as("ingested_at"),
                        lit("topic").as("topic"),
                        lit(0).as("partition"),
                        col("id").as("offset"),
                        lit("{}").as("value"));
        Dataset<Row> classified = PinCleaning.classify(raw);

        for (Dataset<Row> result :
                List.of(classified, PinCleaning.cleaned(classified), PinCleaning.rejects(classified))) {
            String plan = result.queryExecution().executedPlan().treeString();
            assertThat(CLEANER_CALL.matcher(plan).results().count()).as(plan).isEqualTo(1);
        }
    }
}
