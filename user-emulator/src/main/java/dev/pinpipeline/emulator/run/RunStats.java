package dev.pinpipeline.emulator.run;

import dev.pinpipeline.emulator.delivery.DeliveryEvents;
import dev.pinpipeline.emulator.delivery.PinSender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The run's counters and latency histogram, fed by the sender from many threads. It also tells the operator, one
 * line each, about the first rejections and losses and about the API going away and coming back.
 */
public final class RunStats implements DeliveryEvents {

    /** Rejections and losses reported one by one before only being counted. */
    static final int REPORTED_PROBLEMS = 10;

    /** Retries for this long without an accepted pin make an outage worth telling the operator about. */
    static final long OUTAGE_NANOS = 1_000_000_000L;

    private final Console console;
    private final Runnable onFatal;
    private final LongAdder sent = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final AtomicInteger reportedProblems = new AtomicInteger();
    private final AtomicLong failingSince = new AtomicLong();
    private final AtomicBoolean outageReported = new AtomicBoolean();
    private final Recorder latencyMicros = new Recorder(3);
    private final Histogram allLatencies = new Histogram(3);
    private volatile String fatal;

    public RunStats(Console console, Runnable onFatal) {
        this.console = console;
        this.onFatal = onFatal;
    }

    /** Pins handed to the sender in one request. */
    public void sent(int pins) {
        sent.add(pins);
        requests.increment();
    }

    @Override
    public void answered(long latencyNanos) {
        latencyMicros.recordValue(Math.max(1, latencyNanos / 1_000));
    }

    @Override
    public void accepted(int pins) {
        accepted.add(pins);
        long since = failingSince.getAndSet(0);
        if (since != 0 && outageReported.getAndSet(false)) {
            console.event(String.format(
                    "ingest-api is accepting pins again (after %.1f s)", (System.nanoTime() - since) / 1e9));
        }
    }

    @Override
    public void rejected(int pins, String reason) {
        rejected.add(pins);
        report("rejected " + pins + (pins == 1 ? " pin: " : " pins: ") + reason);
    }

    /** Isolated transient failures are only counted; a second of them without success is an outage, reported once. */
    @Override
    public void retrying(String reason) {
        retries.increment();
        long now = System.nanoTime();
        failingSince.compareAndSet(0, now);
        long since = failingSince.get();
        if (since != 0 && now - since >= OUTAGE_NANOS && outageReported.compareAndSet(false, true)) {
            console.event("ingest-api unavailable (" + reason + "): holding the pins and retrying with backoff");
        }
    }

    @Override
    public void lost(int pins, String reason) {
        lost.add(pins);
        if (!PinSender.STOPPED.equals(reason)) { // those are told in one line by givingUpInFlight
            report("LOST " + pins + (pins == 1 ? " pin: " : " pins: ") + reason);
        }
    }

    /** The run was stopped and the pins still in flight after the drain timeout are about to be given up. */
    void givingUpInFlight(Duration drainTimeout) {
        long inFlight = sent.sum() - accepted.sum() - rejected.sum() - lost.sum();
        console.event(String.format(
                "stopping: giving up the %,d pins still in flight after %s",
                inFlight,
                drainTimeout.isZero() ? "a fatal answer" : "the " + drainTimeout.toMillis() + " ms drain timeout"));
    }

    @Override
    public void fatal(String reason) {
        if (fatal == null) {
            fatal = reason;
            console.event("stopping: " + reason);
            onFatal.run();
        }
    }

    private void report(String line) {
        int reported = reportedProblems.incrementAndGet();
        if (reported <= REPORTED_PROBLEMS) {
            console.event(line);
        } else if (reported == REPORTED_PROBLEMS + 1) {
            console.event("(further rejections and losses are only counted)");
        }
    }

    /** The counters now, and the latencies since the previous snapshot (also added to the whole run's). */
    public synchronized Snapshot snapshot() {
        Histogram interval = latencyMicros.getIntervalHistogram();
        allLatencies.add(interval);
        return new Snapshot(
                System.nanoTime(),
                sent.sum(),
                requests.sum(),
                accepted.sum(),
                rejected.sum(),
                lost.sum(),
                retries.sum(),
                interval,
                allLatencies.copy());
    }

    public String fatal() {
        return fatal;
    }

    /**
     * @param interval latencies (µs) answered since the previous snapshot
     * @param total latencies (µs) of the whole run so far
     */
    public record Snapshot(
            long nanoTime,
            long sent,
            long requests,
            long accepted,
            long rejected,
            long lost,
            long retries,
            Histogram interval,
            Histogram total) {

        /** Pins sent and not yet settled: being posted or waiting for a retry. */
        public long inFlight() {
            return sent - accepted - rejected - lost;
        }
    }
}
