package dev.pinpipeline.batch.report;

import dev.pinpipeline.batch.transform.DailyAnalytics;
import dev.pinpipeline.batch.transform.RepeatedEvents;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What one processed day produced, collected on the driver: the counts and the (small) analytics tables, for the
 * report and for PostgreSQL.
 *
 * @param complete        false when an archive day was read before batch-consumer closed it (no {@code _SUCCESS},
 *                        {@code --no-require-success}): the figures cover only the events archived so far
 * @param events          raw events read (cleaned + rejects), each event_id once (see {@link RepeatedEvents})
 * @param cleaned         events that passed the cleaning
 * @param distinctPins    distinct {@code unique_id} among the cleaned events (= rows of the pins snapshot)
 * @param rejectsByReason rejects per reason, most frequent first
 */
public record DayResult(
        LocalDate day,
        String input,
        boolean complete,
        long events,
        long cleaned,
        long distinctPins,
        Map<String, Long> rejectsByReason,
        List<CategoryStat> categories,
        List<TopPoster> topPosters,
        List<TopTag> topTags) {

    public DayResult {
        rejectsByReason = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectsByReason));
        categories = List.copyOf(categories);
        topPosters = List.copyOf(topPosters);
        topTags = List.copyOf(topTags);
    }

    public static DayResult empty(LocalDate day, String input, boolean complete) {
        return new DayResult(day, input, complete, 0, 0, 0, Map.of(), List.of(), List.of(), List.of());
    }

    public boolean hasData() {
        return events > 0;
    }

    public long rejects() {
        return rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One row of {@link DailyAnalytics#categoryStats}. The median is null when no follower count is known. */
    public record CategoryStat(
            String category,
            long posts,
            long distinctPins,
            Double medianFollowerCount,
            double shareImage,
            double shareVideo,
            double shareStory,
            double shareDownloaded) {

        public static CategoryStat of(Row row) {
            return new CategoryStat(
                    row.getAs("category"),
                    row.<Long>getAs("posts"),
                    row.<Long>getAs("distinct_pins"),
                    row.isNullAt(row.fieldIndex("median_follower_count"))
                            ? null
                            : ((Number) row.getAs("median_follower_count")).doubleValue(),
                    row.<Double>getAs("share_image"),
                    row.<Double>getAs("share_video"),
                    row.<Double>getAs("share_story"),
                    row.<Double>getAs("share_downloaded"));
        }
    }

    /** One row of {@link DailyAnalytics#topPosters}. */
    public record TopPoster(int rank, String posterName, long followerCount, long posts, long distinctPins) {

        public static TopPoster of(Row row) {
            return new TopPoster(
                    row.<Integer>getAs("rank"),
                    row.getAs("poster_name"),
                    row.<Long>getAs("follower_count"),
                    row.<Long>getAs("posts"),
                    row.<Long>getAs("distinct_pins"));
        }
    }

    /** One row of {@link DailyAnalytics#topTags}. */
    public record TopTag(int rank, String tag, long posts, long distinctPins) {

        public static TopTag of(Row row) {
            return new TopTag(
                    row.<Integer>getAs("rank"),
                    row.getAs("tag"),
                    row.<Long>getAs("posts"),
                    row.<Long>getAs("distinct_pins"));
        }
    }
}
