package dev.pinpipeline.archive.completeness;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule for {@code _SUCCESS}: day D is complete once every partition's watermark is at or past
 * {@code end of D + grace}. A partition's watermark only moves when everything before it is archived, so every
 * event of D that was in Kafka within the grace is then in the archive.
 */
final class DayCompleteness {

    private DayCompleteness() {}

    /**
     * The latest complete day, or empty when some partition has no watermark yet.
     *
     * @param watermarks the committed watermark of each partition that has one
     * @param partitions the topic's partitions
     */
    public static Optional<LocalDate> latestCompleteDay(
            Map<Integer, Instant> watermarks, Collection<Integer> partitions, Duration grace) {
        if (partitions.isEmpty() || !watermarks.keySet().containsAll(partitions)) {
            return Optional.empty();
        }
        Instant slowest =
                partitions.stream().map(watermarks::get).min(Instant::compareTo).orElseThrow();
        // D is complete when start(D + 1) <= slowest - grace; the day containing that instant is the first not complete
        LocalDate firstIncomplete = LocalDate.ofInstant(slowest.minus(grace), ZoneOffset.UTC);
        return Optional.of(firstIncomplete.minusDays(1));
    }

    /** Days from {@code first} to {@code latestComplete} that have no marker yet, oldest first. */
    public static List<LocalDate> daysToMark(LocalDate first, LocalDate latestComplete, Set<LocalDate> marked) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(latestComplete); day = day.plusDays(1)) {
            if (!marked.contains(day)) {
                days.add(day);
            }
        }
        return days;
    }
}
