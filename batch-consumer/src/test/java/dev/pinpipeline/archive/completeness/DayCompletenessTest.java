package dev.pinpipeline.archive.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DayCompletenessTest {

    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final LocalDate JAN_10 = LocalDate.parse("2026-01-10");

    @Test
    void aDayIsNotCompleteWhileOnePartitionIsStillInIt() {
        Map<Integer, Instant> watermarks = Map.of(
                0, Instant.parse("2026-01-11T05:00:00Z"),
                1, Instant.parse("2026-01-10T23:59:00Z"));

        assertThat(DayCompleteness.latestCompleteDay(watermarks, List.of(0, 1), GRACE))
                .contains(JAN_10.minusDays(1));
    }

    @Test
    void aDayIsCompleteOnceEveryPartitionIsPastItsEndPlusTheGrace() {
        Map<Integer, Instant> watermarks = Map.of(
                0, Instant.parse("2026-01-11T05:00:00Z"),
                1, Instant.parse("2026-01-11T00:10:00Z"));

        assertThat(DayCompleteness.latestCompleteDay(watermarks, List.of(0, 1), GRACE))
                .contains(JAN_10);
    }

    @Test
    void withinTheGraceTheDayIsNotCompleteYet() {
        Map<Integer, Instant> watermarks = Map.of(0, Instant.parse("2026-01-11T00:09:59.999Z"));

        assertThat(DayCompleteness.latestCompleteDay(watermarks, List.of(0), GRACE))
                .contains(JAN_10.minusDays(1));
    }

    @Test
    void nothingIsCompleteWhileAPartitionHasNoWatermark() {
        Map<Integer, Instant> watermarks = Map.of(0, Instant.parse("2026-02-01T00:00:00Z"));

        assertThat(DayCompleteness.latestCompleteDay(watermarks, List.of(0, 1), GRACE))
                .isEmpty();
    }

    @Test
    void marksEveryDayUpToTheLatestCompleteOneThatHasNoMarkerYet() {
        assertThat(DayCompleteness.daysToMark(JAN_10, JAN_10.plusDays(3), Set.of(JAN_10.plusDays(1))))
                .containsExactly(JAN_10, JAN_10.plusDays(2), JAN_10.plusDays(3));
        assertThat(DayCompleteness.daysToMark(JAN_10, JAN_10.minusDays(1), Set.of()))
                .isEmpty();
    }
}
