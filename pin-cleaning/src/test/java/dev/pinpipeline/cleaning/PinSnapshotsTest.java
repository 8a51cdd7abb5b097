package dev.pinpipeline.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.spark.LocalSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A pin's current state is its latest event by ingested_at, ties by the highest offset (contract §3). */
class PinSnapshotsTest {

    private static final String PIN_A = "aaaaaaaa-3442-4773-b19e-d3ec6f54dddf";
    private static final String PIN_B = "bbbbbbbb-3442-4773-b19e-d3ec6f54dddf";
    private static final String PIN_C = "cccccccc-3442-4773-b19e-d3ec6f54dddf";
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
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
    void keepsOneRowPerPinTheLatestByIngestedAtThenByOffset() {
        List<Row> events = new ArrayList<>(List.of(
                event(PIN_A, "first", T, 0, 1),
                event(PIN_A, "latest", T.plusSeconds(60), 0, 2),
                event(PIN_A, "between", T.plusSeconds(30), 0, 9),
                event(PIN_B, "lower offset", T, 1, 10),
                event(PIN_B, "higher offset", T, 1, 11),
                event(PIN_C, "only", T, 2, 5)));

        for (int shuffle = 0; shuffle < 2; shuffle++) {
            Collections.reverse(events);
            Map<String, String> titles = latestTitles(events);

            assertThat(titles)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(PIN_A, "latest", PIN_B, "higher offset", PIN_C, "only"));
        }
    }

    @Test
    void keepsTheColumnsOfItsInput() {
        Dataset<Row> cleaned = PinCleaning.cleaned(
                PinCleaning.classify(spark.createDataFrame(List.of(event(PIN_A, "x", T, 0, 1)), RawEvents.SCHEMA)));

        assertThat(PinSnapshots.latestPerPin(cleaned).schema()).isEqualTo(PinCleaning.CLEANED_SCHEMA);
    }

    private static Map<String, String> latestTitles(List<Row> events) {
        Dataset<Row> cleaned =
                PinCleaning.cleaned(PinCleaning.classify(spark.createDataFrame(events, RawEvents.SCHEMA)));
        return PinSnapshots.latestPerPin(cleaned).collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getAs("unique_id"), row -> row.getAs("title")));
    }

    private static Row event(String pin, String title, Instant ingestedAt, int partition, long offset) {
        String value = "{\"index\":1,\"unique_id\":\"" + pin + "\",\"title\":\"" + title + "\"}";
        return RowFactory.create(
                "event-" + offset, Timestamp.from(ingestedAt), "PinterestTopic", partition, offset, value);
    }
}
