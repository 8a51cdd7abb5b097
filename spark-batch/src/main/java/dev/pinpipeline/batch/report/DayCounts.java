package dev.pinpipeline.batch.report;

import dev.pinpipeline.batch.transform.DailyAnalytics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** The day's counts, from the rows of {@link DailyAnalytics#countsByRejectReason}. */
public record DayCounts(long cleaned, long distinctPins, Map<String, Long> rejectsByReason) {

    public static DayCounts of(List<Row> countsByRejectReason) {
        long cleaned = 0;
        long distinctPins = 0;
        Map<String, Long> rejects = new LinkedHashMap<>();
        for (Row row : countsByRejectReason) {
            long events = row.getAs("events");
            if (row.isNullAt(row.fieldIndex("reject_reason"))) {
                cleaned = events;
                distinctPins = row.getAs("distinct_pins");
            } else {
                rejects.put(row.getAs("reject_reason"), events);
            }
        }
        return new DayCounts(cleaned, distinctPins, rejects);
    }

    public long events() {
        return cleaned
                + rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
