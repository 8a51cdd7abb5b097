package dev.pinpipeline.bench.chaos;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The table of faults per program and the verdict; the summary line is always the last line printed. */
final class Report {

    static String render(List<Fault> faults, Map<Component, Integer> diedOnTheirOwn, Duration batchRerun,
                         IndependentCheck.Verdict v) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n%-16s %8s %9s %14s %15s%n", "component", "injected", "survived", "worst recovery",
                "died on its own"));
        Map<String, List<Fault>> byProgram = faults.stream().collect(Collectors.groupingBy(
                f -> f.component().program(), LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Fault>> e : byProgram.entrySet()) {
            List<Fault> list = e.getValue();
            long survived = list.stream().filter(Fault::survived).count();
            String worst = list.stream().map(Fault::recovery).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).map(FaultScheduler::seconds).orElse("-");
            if (e.getKey().equals(Component.SPARK_BATCH.label())) {
                worst = batchRerun == null ? "rerun failed" : "rerun " + FaultScheduler.seconds(batchRerun);
            }
            int died = diedOnTheirOwn.entrySet().stream().filter(d -> d.getKey().program().equals(e.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
            out.append(String.format("%-16s %8d %9d %14s %15d%n", e.getKey(), list.size(), survived, worst, died));
        }
        out.append(String.format("%nacknowledged pins not in Kafka   %d%n", v.lostAcks()));
        out.append(String.format("Kafka records not archived       %d%n", v.unarchived()));
        out.append(String.format("Kafka records archived twice     %d%n", v.archivedTwice()));
        out.append(String.format("events missing from pin_events   %d%n", v.missingEvents()));
        out.append(String.format("pin_events rows without an event %d%n", v.unexpectedEvents()));
        out.append(String.format("pins not at their latest event   %d%n", v.wrongPins()));
        v.problems().forEach(p -> out.append("problem: ").append(p).append('\n'));
        out.append(v.passed() && faults.stream().allMatch(Fault::survived) ? "PASSED\n" : "FAILED\n");
        out.append(String.format("chaos: %d faults, acknowledged %d, kafka %d, archived %d, pin_events %d, lost %d, doubled %d",
                faults.size(), v.acknowledged(), v.kafka(), v.archived(), v.pinEvents(), v.lost(), v.doubled()));
        return out.toString();
    }

    private Report() {
    }
}
