package dev.pinpipeline.emulator.run;

import dev.pinpipeline.emulator.delivery.PinSender;
import dev.pinpipeline.emulator.source.PinSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The run loop: takes pins from the source, paces them, and hands them to the sender with at most
 * {@code concurrency} requests in flight, until the count or duration is reached or the run is stopped. Then it
 * waits for every pin in flight to be settled (after a stop, for at most the drain timeout).
 */
public final class Emulation {

    /** Why the run ended. */
    public enum Ending {
        COUNT_REACHED("count reached"),
        DURATION_REACHED("duration reached"),
        STOPPED("stopped"),
        FATAL("stopped on a fatal answer");

        private final String text;

        Ending(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final PinSource source;
    private final PinSender sender;
    private final RunStats stats;
    private final RunSettings settings;
    private final Semaphore inFlight;
    private volatile boolean stopRequested;
    private volatile boolean fatal;

    public Emulation(PinSource source, PinSender sender, RunStats stats, RunSettings settings) {
        this.source = source;
        this.sender = sender;
        this.stats = stats;
        this.settings = settings;
        this.inFlight = new Semaphore(settings.concurrency());
    }

    /** Asks the run to stop sending (Ctrl-C); pins in flight get the drain timeout to be delivered. */
    public void stop() {
        stopRequested = true;
    }

    /** Stops at once after an answer no retry can fix. */
    public void stopOnFatal() {
        fatal = true;
        stopRequested = true;
    }

    /** Runs until the end, blocking; every pin sent is settled (accepted, rejected or lost) when it returns. */
    public Ending run() throws InterruptedException {
        long startedAt = System.nanoTime();
        long deadline = settings.duration() == null
                ? Long.MAX_VALUE
                : startedAt + settings.duration().toNanos();
        Pacer pacer = new Pacer(settings.rate());
        long taken = 0;
        Ending ending;
        while (true) {
            if (stopRequested) {
                ending = fatal ? Ending.FATAL : Ending.STOPPED;
                break;
            }
            if (settings.count() > 0 && taken >= settings.count()) {
                ending = Ending.COUNT_REACHED;
                break;
            }
            if (System.nanoTime() - deadline >= 0) {
                ending = Ending.DURATION_REACHED;
                break;
            }
            if (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                continue;
            }
            int size = (int)
                    (settings.count() > 0
                            ? Math.min(settings.bulkSize(), settings.count() - taken)
                            : settings.bulkSize());
            if (!pacer.await(size, () -> stopRequested || System.nanoTime() - deadline >= 0)) {
                inFlight.release();
                continue;
            }
            List<String> pins = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                pins.add(source.next());
            }
            taken += size;
            stats.sent(size);
            sender.deliver(pins).whenComplete((settled, error) -> inFlight.release());
        }
        drain(ending);
        return fatal ? Ending.FATAL : ending;
    }

    private void drain(Ending ending) throws InterruptedException {
        int all = settings.concurrency();
        if (ending == Ending.COUNT_REACHED || ending == Ending.DURATION_REACHED) {
            // Every request is bounded by its retry time; a Ctrl-C meanwhile shortens the wait to the drain timeout.
            while (!inFlight.tryAcquire(all, 100, TimeUnit.MILLISECONDS)) {
                if (stopRequested) {
                    drainWithin(all);
                    return;
                }
            }
            inFlight.release(all);
            return;
        }
        drainWithin(all);
    }

    private void drainWithin(int all) throws InterruptedException {
        Duration timeout = fatal ? Duration.ZERO : settings.drainTimeout();
        if (inFlight.tryAcquire(all, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(all);
            return;
        }
        stats.givingUpInFlight(timeout);
        sender.abort();
        inFlight.acquire(all);
        inFlight.release(all);
    }
}
