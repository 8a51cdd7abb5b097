package dev.pinpipeline.local.status;

import java.time.Duration;
import java.util.Locale;

/** Renders a {@link PipelineStatus} as the one live line the launcher shows. */
public final class StatusLine {

    public static String render(PipelineStatus s) {
        return "posted %s │ kafka %s │ archived %s │ postgres %s events, %s pins │ latency p50 %s".formatted(
                count(s.posted()), count(s.onKafka()), count(s.archived()), count(s.events()), count(s.pins()),
                latency(s.latency()));
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

    private StatusLine() {
    }
}
