package dev.pinpipeline.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyReportTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-26");

    @Test
    void reportShowsCountsRejectsByReasonAndAlignedTables() {
        Map<String, Long> rejects = new LinkedHashMap<>();
        rejects.put("not_json", 2L);
        rejects.put("missing_unique_id", 1L);
        DayResult day = new DayResult(
                DAY,
                "s3a://b/raw/t/dt=2026-11-26",
                true,
                1_003,
                1_000,
                950,
                rejects,
                List.of(
                        new DayResult.CategoryStat("art", 600, 560, 1234.0, 0.5, 0.25, 0.25, 0.999),
                        new DayResult.CategoryStat("mens-fashion", 400, 390, null, 1, 0, 0, 1)),
                List.of(new DayResult.TopPoster(1, "Bored Panda", 2_000_000, 3, 2)),
                List.of(new DayResult.TopTag(1, "Summer Crafts For Kids", 12, 7)));

        String report = DailyReport.render(day);

        assertThat(report).contains("dt=2026-11-26", "s3a://b/raw/t/dt=2026-11-26");
        assertThat(report).containsPattern("events +1003\n");
        assertThat(report).containsPattern("distinct pins +950\n");
        assertThat(report).containsPattern("rejects +3\n");
        assertThat(report).containsPattern("not_json +2\n");
        assertThat(report).contains("Bored Panda", "2000000", "Summer Crafts For Kids", "99.9%", "1234");
        List<String> categoryLines = report.lines()
                .filter(l -> l.startsWith("  art") || l.startsWith("  mens-fashion"))
                .toList();
        assertThat(categoryLines).hasSize(2);
        assertThat(categoryLines.get(0)).hasSameSizeAs(categoryLines.get(1)); // right-aligned numbers end together
        assertThat(categoryLines.get(1)).contains(" - "); // unknown median
        assertThat(report).doesNotContain("PARTIAL");
    }

    @Test
    void dayReadBeforeItWasClosedIsLabelledPartial() {
        DayResult day = new DayResult(
                DAY, "s3a://b/raw/t/dt=2026-11-26", false, 10, 10, 8, Map.of(), List.of(), List.of(), List.of());

        assertThat(DailyReport.render(day)).contains("PARTIAL: dt=2026-11-26 is not closed yet (no _SUCCESS)");
    }

    @Test
    void dayWithoutDataSaysSo() {
        String report = DailyReport.render(DayResult.empty(DAY, "file:///in/dt=2026-11-26", true));

        assertThat(report).contains("NO DATA for dt=2026-11-26", "The day's outputs are empty");
    }

    @Test
    void dayWithoutDataAndWithoutSuccessMarkerSaysNoDataOnly() {
        String report = DailyReport.render(DayResult.empty(DAY, "file:///in/dt=2026-11-26", false));

        assertThat(report).contains("NO DATA for dt=2026-11-26").doesNotContain("PARTIAL");
    }
}
