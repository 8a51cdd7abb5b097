package dev.pinpipeline.emulator.run;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Prints the live progress line about once a second (every ten seconds when stderr is not a terminal), and the
 * summary at the end:
 * <pre>
 * 0:00:12 sent 12,030 | accepted 12,001 | rejected 0 | retries 3 | lost 0 | in flight 29 | 1,002 pins/s | p50 2.1 ms p99 9.8 ms
 * </pre>
 */
public final class ProgressReporter implements AutoCloseable {

    private final RunStats stats;
    private final Console console;
    private final long startedAt = System.nanoTime();
    private final ScheduledExecutorService timer;
    private RunStats.Snapshot previous;

    public ProgressReporter(RunStats stats, Console console, boolean live) {
        this.stats = stats;
        this.console = console;
        this.previous = stats.snapshot();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress");
            thread.setDaemon(true);
            return thread;
        });
        if (live) {
            long period = console.isTerminal() ? 1 : 10;
            timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.SECONDS);
        }
    }

    private synchronized void tick() {
        RunStats.Snapshot now = stats.snapshot();
        double seconds = (now.nanoTime() - previous.nanoTime()) / 1e9;
        double rate = seconds > 0 ? (now.sent() - previous.sent()) / seconds : 0;
        console.progress(progressLine(now, rate, elapsed(now)));
        previous = now;
    }

    static String progressLine(RunStats.Snapshot now, double rate, Duration elapsed) {
        return String.format(
                Locale.ROOT,
                "%s sent %,d | accepted %,d | rejected %,d | retries %,d | lost %,d"
                        + " | in flight %,d | %,.0f pins/s | %s",
                clock(elapsed),
                now.sent(),
                now.accepted(),
                now.rejected(),
                now.retries(),
                now.lost(),
                now.inFlight(),
                rate,
                latencies(now.interval()));
    }

    /** Stops the live line and prints the summary of the whole run. */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        console.endProgress();
    }

    public synchronized String summary(String ending) {
        RunStats.Snapshot last = stats.snapshot();
        Duration elapsed = elapsed(last);
        return summary(last, elapsed, ending);
    }

    static String summary(RunStats.Snapshot last, Duration elapsed, String ending) {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        Histogram latency = last.total();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "user-emulator: %s after %s%n", ending, clock(elapsed)));
        text.append(String.format(
                Locale.ROOT,
                "  sent      %,d pins in %,d requests (%,.0f pins/s)%n",
                last.sent(),
                last.requests(),
                last.sent() / seconds));
        text.append(String.format(Locale.ROOT, "  accepted  %,d%n", last.accepted()));
        text.append(String.format(Locale.ROOT, "  rejected  %,d%n", last.rejected()));
        text.append(String.format(Locale.ROOT, "  retries   %,d%n", last.retries()));
        text.append(String.format(
                Locale.ROOT,
                "  lost      %,d%s%n",
                last.lost(),
                last.lost() > 0 ? "  (gave up: the API may or may not have them)" : ""));
        if (latency.getTotalCount() > 0) {
            text.append(String.format(
                    Locale.ROOT,
                    "  latency   p50 %s  p90 %s  p99 %s  max %s (%,d answers)%n",
                    millis(latency.getValueAtPercentile(50)),
                    millis(latency.getValueAtPercentile(90)),
                    millis(latency.getValueAtPercentile(99)),
                    millis(latency.getMaxValue()),
                    latency.getTotalCount()));
        }
        return text.toString();
    }

    private static String latencies(Histogram interval) {
        if (interval.getTotalCount() == 0) {
            return "no answers";
        }
        return "p50 " + millis(interval.getValueAtPercentile(50)) + " p99 " + millis(interval.getValueAtPercentile(99));
    }

    private static String millis(long micros) {
        return micros < 10_000
                ? String.format(Locale.ROOT, "%.1f ms", micros / 1e3)
                : String.format(Locale.ROOT, "%,d ms", micros / 1_000);
    }

    private Duration elapsed(RunStats.Snapshot now) {
        return Duration.ofNanos(now.nanoTime() - startedAt);
    }

    private static String clock(Duration elapsed) {
        long s = elapsed.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
