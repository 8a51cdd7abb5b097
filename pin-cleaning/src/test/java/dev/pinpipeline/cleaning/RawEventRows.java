package dev.pinpipeline.cleaning;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Raw events for tests: value i gets offset i, event_id "event-i", ingested_at BASE + i ms, partition 0. */
final class RawEventRows {

    static final Instant BASE = Instant.parse("2026-11-26T13:45:50.123Z");
    static final String TOPIC = "PinterestTopic";

    private RawEventRows() {}

    static Dataset<Row> of(SparkSession spark, List<String> values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(RowFactory.create(
                    "event-" + i, Timestamp.from(BASE.plusMillis(i)), TOPIC, 0, (long) i, values.get(i)));
        }
        return spark.createDataFrame(rows, RawEvents.SCHEMA);
    }

    /** classify → collected rows, in the order of the values. */
    static List<Row> classify(SparkSession spark, List<String> values) {
        List<Row> rows = new ArrayList<>(PinCleaning.classify(of(spark, values)).collectAsList());
        rows.sort(Comparator.comparingLong(row -> row.getLong(row.fieldIndex("offset"))));
        return rows;
    }

    static Row classifyOne(SparkSession spark, String value) {
        return classify(spark, List.of(value)).get(0);
    }

    /** A classified row in the reference's shape, to compare with {@link ContractReference#clean}. */
    static ContractReference.Expected asExpected(Row row) {
        String reason = row.getAs("reject_reason");
        if (reason != null) {
            return new ContractReference.Expected(
                    reason, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        int tags = row.fieldIndex("tag_list");
        return new ContractReference.Expected(
                null,
                row.getAs("ind"),
                row.getAs("unique_id"),
                row.getAs("title"),
                row.getAs("description"),
                row.getAs("poster_name"),
                row.getAs("follower_count"),
                row.isNullAt(tags) ? null : row.getList(tags),
                row.getAs("is_image_or_video"),
                row.getAs("image_src"),
                row.getAs("downloaded"),
                row.getAs("save_location"),
                row.getAs("category"));
    }
}
