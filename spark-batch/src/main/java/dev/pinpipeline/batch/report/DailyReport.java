package dev.pinpipeline.batch.report;

import dev.pinpipeline.batch.transform.DailyAnalytics;
import java.util.Locale;
import java.util.Map;

/** The human-readable report of one processed day, printed on standard output. */
public final class DailyReport {

    private DailyReport() {}

    public static String render(DayResult day) {
        StringBuilder out = new StringBuilder();
        out.append("== Pinterest daily batch, dt=").append(day.day()).append(" ==\n");
        out.append("input: ").append(day.input()).append('\n');
        if (!day.hasData()) {
            out.append("NO DATA for dt=")
                    .append(day.day())
                    .append(": the input holds no events. The day's outputs are empty (an earlier run's removed).\n");
            return out.toString();
        }
        if (!day.complete()) {
            out.append("PARTIAL: dt=")
                    .append(day.day())
                    .append(" is not closed yet (no _SUCCESS); these figures cover")
                    .append(" the events archived so far.\n");
        }
        out.append(new TextTable("count", ">value")
                .row("events", day.events())
                .row("cleaned events", day.cleaned())
                .row("distinct pins", day.distinctPins())
                .row("rejects", day.rejects())
                .render("  "));
        if (!day.rejectsByReason().isEmpty()) {
            TextTable rejects = new TextTable("reject reason", ">events");
            for (Map.Entry<String, Long> reason : day.rejectsByReason().entrySet()) {
                rejects.row(reason.getKey(), reason.getValue());
            }
            out.append('\n').append(rejects.render("  "));
        }

        TextTable categories = new TextTable(
                "category", ">posts", ">pins", ">median followers", ">image", ">video", ">story", ">downloaded");
        for (DayResult.CategoryStat row : day.categories()) {
            categories.row(
                    row.category(),
                    row.posts(),
                    row.distinctPins(),
                    median(row.medianFollowerCount()),
                    percent(row.shareImage()),
                    percent(row.shareVideo()),
                    percent(row.shareStory()),
                    percent(row.shareDownloaded()));
        }
        out.append("\nPer category (shares of posts)\n").append(categories.render("  "));

        TextTable posters = new TextTable(">#", "poster", ">followers", ">posts", ">pins");
        for (DayResult.TopPoster row : day.topPosters()) {
            posters.row(row.rank(), row.posterName(), row.followerCount(), row.posts(), row.distinctPins());
        }
        out.append("\nTop ")
                .append(DailyAnalytics.TOP_POSTERS)
                .append(" posters by follower count\n")
                .append(posters.render("  "));

        TextTable tags = new TextTable(">#", "tag", ">posts", ">pins");
        for (DayResult.TopTag row : day.topTags()) {
            tags.row(row.rank(), row.tag(), row.posts(), row.distinctPins());
        }
        out.append("\nTop ").append(DailyAnalytics.TOP_TAGS).append(" tags\n").append(tags.render("  "));
        return out.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String median(Double median) {
        if (median == null) {
            return null;
        }
        return median == Math.rint(median)
                ? Long.toString(median.longValue())
                : String.format(Locale.ROOT, "%.1f", median);
    }
}
