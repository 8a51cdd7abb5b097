package dev.pinpipeline.batch.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Records that repeat an event: the same {@code event_id} in several Kafka records. ingest-api gives a client's retry
 * of a post with the same {@code Idempotency-Key} the same event_id (docs/events.md §1), so when a first attempt was
 * written after all, despite its 503, both are in the topic and the archive. An event counts once: its first record
 * (lowest partition, then offset) stands for it. Pure Dataset → Dataset functions.
 */
public final class RepeatedEvents {

    private RepeatedEvents() {}

    /**
     * The event ids found in more than one record: {@code event_id}, {@code records} (how many) and {@code first}
     * (struct of the first record's partition and offset). Usually empty.
     */
    public static Dataset<Row> find(Dataset<Row> events) {
        // Records of one event share their id's hash. Grouping the 8-byte hashes of a day's ids is much cheaper than
        // grouping the ids' text; only the records whose hash is shared (usually none) are then grouped by id.
        Dataset<Row> sharedHashes = events.groupBy(xxhash64(col("event_id")).as("_id_hash"))
                .agg(count(lit(1)).as("_records"))
                .where(col("_records").gt(1))
                .select(col("_id_hash"));
        return events.join(broadcast(sharedHashes), xxhash64(col("event_id")).equalTo(col("_id_hash")), "left_semi")
                .groupBy(col("event_id"))
                .agg(count(lit(1)).as("records"), min(position()).as("first"))
                .where(col("records").gt(1));
    }

    /** {@code events} without the repeats {@code repeated} (from {@link #find}) lists: each event's first record only. */
    public static Dataset<Row> firstRecords(Dataset<Row> events, Dataset<Row> repeated) {
        Dataset<Row> firsts =
                repeated.select(col("event_id").as("_repeated_id"), col("first").as("_first"));
        return events.join(broadcast(firsts), col("event_id").equalTo(col("_repeated_id")), "left")
                .where(col("_repeated_id").isNull().or(position().equalTo(col("_first"))))
                .drop("_repeated_id", "_first");
    }

    private static Column position() {
        return struct(col("partition"), col("offset"));
    }
}
