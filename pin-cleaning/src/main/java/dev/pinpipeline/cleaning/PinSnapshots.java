package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A pin's current state (contract §3): its latest event by ingested_at, ties broken by the highest Kafka offset. */
public final class PinSnapshots {

    private PinSnapshots() {
    }

    /**
     * Cleaned pins → one row per {@code unique_id}, the latest by {@code ingested_at}, ties by the highest
     * {@code offset} (then partition, topic and event_id, so that the choice never depends on the input order).
     * Same columns as the input. Batch only: an aggregation without a watermark.
     */
    public static Dataset<Row> latestPerPin(Dataset<Row> cleaned) {
        Column[] all = Arrays.stream(cleaned.columns()).map(name -> col(name)).toArray(Column[]::new);
        Column recency = struct(col("ingested_at"), col("offset"), col("partition"), col("topic"), col("event_id"));
        return cleaned.groupBy(col("unique_id"))
                .agg(max_by(struct(all), recency).as("latest"))
                .select(col("latest.*"));
    }
}
