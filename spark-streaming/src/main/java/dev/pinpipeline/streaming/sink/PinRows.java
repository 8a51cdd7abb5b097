package dev.pinpipeline.streaming.sink;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Turns a row of {@code PinStream.classified} (cleaned columns + reject_reason + raw_value) into a {@link PinEvent}. */
final class PinRows {

    private PinRows() {}

    public static PinEvent toEvent(Row row) {
        return new PinEvent(
                row.getAs("event_id"),
                instant(row.getAs("ingested_at")),
                row.getAs("topic"),
                row.<Integer>getAs("partition"),
                row.<Long>getAs("offset"),
                row.getAs("ind"),
                row.getAs("unique_id"),
                row.getAs("title"),
                row.getAs("description"),
                row.getAs("poster_name"),
                row.getAs("follower_count"),
                tags(row),
                row.getAs("is_image_or_video"),
                row.getAs("image_src"),
                row.getAs("downloaded"),
                row.getAs("save_location"),
                row.getAs("category"),
                row.getAs("raw_value"),
                row.getAs("reject_reason"));
    }

    private static List<String> tags(Row row) {
        int index = row.fieldIndex("tag_list");
        return row.isNullAt(index) ? null : new ArrayList<>(row.<String>getList(index));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("ingested_at is neither a Timestamp nor an Instant: " + value.getClass());
    }
}
