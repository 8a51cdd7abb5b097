package dev.pinpipeline.batch.transform;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The day's analytics over cleaned pins (one row per event). "Posts" count events and "pins" count distinct
 * {@code unique_id} (docs/pin-data-contract.md §3). Pure Dataset → Dataset functions.
 */
public final class DailyAnalytics {

    public static final int TOP_POSTERS = 10;
    public static final int TOP_TAGS = 20;

    private static final String EVENTS = "_events";

    private DailyAnalytics() {}

    /**
     * Per category: {@code posts}, {@code distinct_pins}, {@code median_follower_count} (exact median over the posts
     * whose follower count is known, null if none), and the shares of posts that are images, videos, stories and
     * downloaded (each over all the category's posts, so unknown values count as "not"). Ordered by category.
     */
    public static Dataset<Row> categoryStats(Dataset<Row> cleaned) {
        Column events = eventsOf(cleaned);
        Column posts = posts(events);
        return cleaned.groupBy(col("category"))
                .agg(
                        posts.as("posts"),
                        count_distinct(col("unique_id")).as("distinct_pins"),
                        percentile(col("follower_count"), lit(0.5), events).as("median_follower_count"),
                        shareOf(col("is_image_or_video").equalTo("image"), events, posts)
                                .as("share_image"),
                        shareOf(col("is_image_or_video").equalTo("video"), events, posts)
                                .as("share_video"),
                        shareOf(col("is_image_or_video").equalTo("story"), events, posts)
                                .as("share_story"),
                        shareOf(col("downloaded").equalTo(true), events, posts).as("share_downloaded"))
                .orderBy(col("category").asc_nulls_last());
    }

    /**
     * The 10 posters with the most followers (their highest follower count of the day), with their posts and
     * distinct pins; posters without a name or a known follower count are left out. Ties by name.
     */
    public static Dataset<Row> topPosters(Dataset<Row> cleaned) {
        Dataset<Row> posters = cleaned.where(
                        col("poster_name").isNotNull().and(col("follower_count").isNotNull()))
                .groupBy(col("poster_name"))
                .agg(
                        max(col("follower_count")).as("follower_count"),
                        posts(eventsOf(cleaned)).as("posts"),
                        count_distinct(col("unique_id")).as("distinct_pins"));
        return ranked(
                        posters,
                        TOP_POSTERS,
                        col("follower_count").desc(),
                        col("poster_name").asc(),
                        col("follower_count").multiply(-1),
                        col("poster_name"))
                .select("rank", "poster_name", "follower_count", "posts", "distinct_pins");
    }

    /**
     * The 20 tags on the most posts, with the distinct pins carrying them. Ties by tag. A tag listed twice in one
     * post counts once for it ({@code "x,x"} is one post tagged x).
     */
    public static Dataset<Row> topTags(Dataset<Row> cleaned) {
        Dataset<Row> tags = cleaned.select(
                        col("unique_id"),
                        eventsOf(cleaned).as(EVENTS),
                        explode(array_distinct(col("tag_list"))).as("tag"))
                .groupBy(col("tag"))
                .agg(
                        posts(col(EVENTS)).as("posts"),
                        count_distinct(col("unique_id")).as("distinct_pins"));
        return ranked(
                        tags,
                        TOP_TAGS,
                        col("posts").desc(),
                        col("tag").asc(),
                        col("posts").multiply(-1),
                        col("tag"))
                .select("rank", "tag", "posts", "distinct_pins");
    }

    /**
     * The day's counts in one pass over pin-cleaning's classified events: per {@code reject_reason} (null = clean)
     * the {@code events} and the {@code distinct_pins} (meaningful for the clean row), most frequent first.
     */
    public static Dataset<Row> countsByRejectReason(Dataset<Row> classified) {
        return classified
                .groupBy(col("reject_reason"))
                .agg(
                        count(lit(1)).as("events"),
                        count_distinct(col("unique_id")).as("distinct_pins"))
                .orderBy(col("events").desc(), col("reject_reason").asc());
    }

    /**
     * The cleaned events grouped by every column the three analytics tables read, with the number of events in each
     * group ({@code _events}): the same tables come out of it as out of the events, and a day's events mostly repeat
     * their pin's fields, so it is far smaller. (Each table grouping all the events was one more hash aggregation of
     * the day, the tags' one over every event's every tag.)
     */
    public static Dataset<Row> eventGroups(Dataset<Row> cleaned) {
        return cleaned.groupBy(
                        col("unique_id"),
                        col("category"),
                        col("poster_name"),
                        col("follower_count"),
                        col("is_image_or_video"),
                        col("downloaded"),
                        col("tag_list"))
                .agg(count(lit(1)).as(EVENTS));
    }

    /** Events per row: the {@code _events} column of {@link #eventGroups}, else one. */
    private static Column eventsOf(Dataset<Row> rows) {
        return Arrays.asList(rows.columns()).contains(EVENTS) ? col(EVENTS) : lit(1L);
    }

    /** The number of posts, never null (as {@code count} would be). */
    private static Column posts(Column events) {
        return coalesce(sum(events), lit(0L));
    }

    private static Column shareOf(Column condition, Column events, Column posts) {
        return sum(when(condition, events).otherwise(0L)).divide(posts);
    }

    /**
     * The first {@code limit} rows by ({@code first}, {@code second}), numbered from 1 in a {@code rank} column.
     * The few rows are gathered into one sorted array and exploded with their position, which keeps the ranking a
     * plain aggregation (a row_number window over everything would move all rows to one partition).
     *
     * @param firstKey  ascending sort key equivalent to {@code first} (e.g. the negated count for "most first")
     * @param secondKey ascending sort key equivalent to {@code second}
     */
    private static Dataset<Row> ranked(
            Dataset<Row> rows, int limit, Column first, Column second, Column firstKey, Column secondKey) {
        Column[] fields = new Column[rows.columns().length + 2];
        fields[0] = firstKey.as("_k1");
        fields[1] = secondKey.as("_k2");
        for (int i = 0; i < rows.columns().length; i++) {
            fields[i + 2] = col(rows.columns()[i]);
        }
        return rows.orderBy(first, second)
                .limit(limit)
                .agg(sort_array(collect_list(struct(fields))).as("_ranked"))
                .select(posexplode(col("_ranked")))
                .select(col("pos").plus(1).as("rank"), col("col.*"))
                .drop("_k1", "_k2");
    }
}
