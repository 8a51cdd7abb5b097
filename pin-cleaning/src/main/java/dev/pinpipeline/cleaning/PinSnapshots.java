package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A pin's current state (contract §3): its latest event by ingested_at, ties broken by the highest Kafka offset. */
public final class PinSnapshots {

    private PinSnapshots() {}

    /**
     * Cleaned pins → one row per {@code unique_id}, the latest by {@code ingested_at}, ties by the highest
     * {@code offset} (then partition, topic and event_id, so that the choice never depends on the input order).
     * Same columns as the input. Batch only: an aggregation without a watermark.
     */
    public static Dataset<Row> latestPerPin(Dataset<Row> cleaned) {
        // max_by over whole rows is a sort-based aggregation of every event. A pin's latest event has its latest
        // ingested_at, a fixed-width maximum that a hash aggregation finds; only the events at that instant (usually
        // one per pin) go through max_by.
        Dataset<Row> latestInstant = cleaned.groupBy(col("unique_id").as("_pin"))
                .agg(max(col("ingested_at")).as("_latest_at"));
        Dataset<Row> candidates = cleaned.join(
                latestInstant,
                col("unique_id").eqNullSafe(col("_pin")).and(col("ingested_at").eqNullSafe(col("_latest_at"))),
                "left_semi");
        Column[] all = Arrays.stream(cleaned.columns()).map(name -> col(name)).toArray(Column[]::new);
        Column recency = struct(col("ingested_at"), col("offset"), col("partition"), col("topic"), col("event_id"));
        return candidates
                .groupBy(col("unique_id"))
                .agg(max_by(struct(all), recency).as("latest"))
                .select(col("latest.*"));
    }
}
