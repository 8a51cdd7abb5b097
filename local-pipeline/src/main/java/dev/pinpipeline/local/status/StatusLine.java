package dev.pinpipeline.local.status;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link PipelineStatus} as the one live line the launcher shows. */
public final class StatusLine {

    public static String render(PipelineStatus s) {
        return "posted %s │ kafka %s │ archived %s │ postgres %s events, %s pins │ latency p50 %s"
                .formatted(
                        count(s.posted()),
                        count(s.onKafka()),
                        count(s.archived()),
                        count(s.events()),
                        count(s.pins()),
                        latency(s.latency()));
    }

    /**
     * The line, then what died: {@code Kafka down, restarting} while it is, {@code restarted ingest-api 1×} after.
     * Each note is a component name, whether it is down now and its restarts so far.
     */
    public static String render(PipelineStatus s, List<ComponentNote> notes) {
        StringBuilder line = new StringBuilder(render(s));
        notes.stream()
                .filter(ComponentNote::down)
                .forEach(n -> line.append(" │ ").append(n.component()).append(" down, restarting"));
        String restarted = notes.stream()
                .filter(n -> n.restarts() > 0)
                .map(n -> n.component() + " " + n.restarts() + "×")
                .collect(Collectors.joining(", "));
        if (!restarted.isEmpty()) {
            line.append(" │ restarted ").append(restarted);
        }
        return line.toString();
    }

    static String count(long n) {
        return n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    static String latency(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = Math.max(0, d.toMillis());
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private StatusLine() {}
}
