package dev.pinpipeline.batch.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pinpipeline.batch.report.DayCounts;
import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.spark.LocalSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class DailyAnalyticsTest {

    /** The cleaned-pin columns the analytics read. */
    private static final StructType CLEANED = new StructType()
            .add("unique_id", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("poster_name", DataTypes.StringType)
            .add("follower_count", DataTypes.LongType)
            .add("tag_list", DataTypes.createArrayType(DataTypes.StringType))
            .add("is_image_or_video", DataTypes.StringType)
            .add("downloaded", DataTypes.BooleanType);

    private final SparkSession spark = LocalSpark.session(PinCleaning.SPARK_SETTINGS);

    @Test
    void categoryStatsCountPostsAndDistinctPinsAndShares() {
        Dataset<Row> cleaned = cleaned(
                pin("a", "art", "Ann", 10L, "image", true, "x"),
                pin("a", "art", "Ann", 10L, "image", true, "x"), // the same pin again: a post, not a new pin
                pin("b", "art", "Bob", 30L, "video", false),
                pin("c", "art", null, null, "story", null),
                pin("d", "travel", "Dee", 5L, null, true));

        List<Row> stats = DailyAnalytics.categoryStats(cleaned).collectAsList();

        assertThat(stats).hasSize(2);
        Row art = stats.get(0);
        assertThat(art.<String>getAs("category")).isEqualTo("art");
        assertThat(art.<Long>getAs("posts")).isEqualTo(4L);
        assertThat(art.<Long>getAs("distinct_pins")).isEqualTo(3L);
        assertThat(art.<Double>getAs("median_follower_count")).isEqualTo(10.0); // of 10, 10, 30; null ignored
        assertThat(art.<Double>getAs("share_image")).isEqualTo(0.5);
        assertThat(art.<Double>getAs("share_video")).isEqualTo(0.25);
        assertThat(art.<Double>getAs("share_story")).isEqualTo(0.25);
        assertThat(art.<Double>getAs("share_downloaded")).isEqualTo(0.5);
        Row travel = stats.get(1);
        assertThat(travel.<Double>getAs("share_image")).isZero();
        assertThat(travel.<Double>getAs("share_downloaded")).isEqualTo(1.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndNullWithoutKnownCounts() {
        Dataset<Row> cleaned = cleaned(
                pin("a", "art", "A", 1L, "image", true),
                pin("b", "art", "B", 4L, "image", true),
                pin("c", "quotes", null, null, "image", true));

        List<Row> stats = DailyAnalytics.categoryStats(cleaned).collectAsList();

        assertThat(stats.get(0).<Double>getAs("median_follower_count")).isCloseTo(2.5, within(1e-9));
        assertThat(stats.get(1).isNullAt(stats.get(1).fieldIndex("median_follower_count")))
                .isTrue();
    }

    @Test
    void topPostersAreTheTenWithMostFollowersTiesByName() {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            rows.add(pin("p" + i, "art", "poster" + i, i * 100L, "image", true));
        }
        rows.add(pin("p0", "art", "aaa", 1200L, "image", true)); // ties with poster12, sorts first
        rows.add(pin("p1", "art", "poster1", 5_000L, "image", true)); // poster1's highest count of the day counts
        rows.add(pin("x", "art", null, 9_999_999L, "image", true)); // no name: not ranked

        List<Row> top =
                DailyAnalytics.topPosters(cleaned(rows.toArray(Row[]::new))).collectAsList();

        assertThat(top).hasSize(DailyAnalytics.TOP_POSTERS);
        assertThat(top)
                .extracting(r -> r.<String>getAs("poster_name"))
                .startsWith("poster1", "aaa", "poster12", "poster11");
        assertThat(top).extracting(r -> r.<Integer>getAs("rank")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(top.get(0).<Long>getAs("follower_count")).isEqualTo(5_000L);
        assertThat(top.get(0).<Long>getAs("posts")).isEqualTo(2L);
        assertThat(top.get(0).<Long>getAs("distinct_pins")).isEqualTo(1L);
    }

    @Test
    void topTagsCountPostsPerTagAndDistinctPins() {
        Dataset<Row> cleaned = cleaned(
                pin("a", "art", "A", 1L, "image", true, "red", "blue"),
                pin("a", "art", "A", 1L, "image", true, "red", "blue"),
                pin("b", "art", "B", 1L, "image", true, "blue"),
                pin("c", "art", "C", 1L, "image", true)); // no tags

        List<Row> top = DailyAnalytics.topTags(cleaned).collectAsList();

        assertThat(top).extracting(r -> r.<String>getAs("tag")).containsExactly("blue", "red");
        assertThat(top.get(0).<Long>getAs("posts")).isEqualTo(3L);
        assertThat(top.get(0).<Long>getAs("distinct_pins")).isEqualTo(2L);
        assertThat(top.get(1).<Long>getAs("posts")).isEqualTo(2L);
        assertThat(top.get(1).<Long>getAs("distinct_pins")).isEqualTo(1L);
    }

    @Test
    void aTagListedTwiceInOnePostCountsOncePerPost() {
        Dataset<Row> cleaned = cleaned(
                pin("a", "art", "A", 1L, "image", true, "x", "x", "x", "x"),
                pin("b", "art", "B", 1L, "image", true, "y"),
                pin("c", "art", "C", 1L, "image", true, "y"),
                pin("d", "art", "D", 1L, "image", true, "y"));

        List<Row> top = DailyAnalytics.topTags(cleaned).collectAsList();

        assertThat(top).extracting(r -> r.<String>getAs("tag")).containsExactly("y", "x");
        assertThat(top).extracting(r -> r.<Long>getAs("posts")).containsExactly(3L, 1L);
    }

    @Test
    void topTagsKeepsTwenty() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add(pin("p" + i, "art", "A", 1L, "image", true, String.format("tag%02d", i)));
        }

        assertThat(DailyAnalytics.topTags(cleaned(rows.toArray(Row[]::new))).count())
                .isEqualTo(DailyAnalytics.TOP_TAGS);
    }

    @Test
    void dayCountsCleanEventsDistinctPinsAndRejectsPerReasonInOnePass() {
        StructType classified =
                new StructType().add("unique_id", DataTypes.StringType).add("reject_reason", DataTypes.StringType);
        Dataset<Row> rows = spark.createDataFrame(
                List.of(
                        RowFactory.create("a", null),
                        RowFactory.create("a", null),
                        RowFactory.create("b", null),
                        RowFactory.create(null, "not a JSON object"),
                        RowFactory.create(null, "not a JSON object"),
                        RowFactory.create("c", "missing index")),
                classified);

        DayCounts counts =
                DayCounts.of(DailyAnalytics.countsByRejectReason(rows).collectAsList());

        assertThat(counts.cleaned()).isEqualTo(3);
        assertThat(counts.distinctPins()).isEqualTo(2);
        assertThat(counts.events()).isEqualTo(6);
        assertThat(counts.rejectsByReason())
                .containsExactly(
                        java.util.Map.entry("not a JSON object", 2L), java.util.Map.entry("missing index", 1L));
    }

    private static Row pin(
            String id,
            String category,
            String poster,
            Long followers,
            String kind,
            Boolean downloaded,
            String... tags) {
        return RowFactory.create(
                id, category, poster, followers, tags.length == 0 ? null : Arrays.asList(tags), kind, downloaded);
    }

    private Dataset<Row> cleaned(Row... rows) {
        return spark.createDataFrame(List.of(rows), CLEANED);
    }
}
