package dev.pinpipeline.emulator.run;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Spaces pins evenly at a target rate. After a stall (the API down, all requests in flight) it does not burst to
 * catch up: at most a tenth of a second of pins is made up.
 */
final class Pacer {

    private static final long MAX_SLEEP_NANOS = 50_000_000;

    private final double nanosPerPin;
    private final long maxCatchUpNanos;
    private long nextAt;

    /** @param pinsPerSecond 0 for no limit */
    Pacer(double pinsPerSecond) {
        this.nanosPerPin = pinsPerSecond > 0 ? 1e9 / pinsPerSecond : 0;
        this.maxCatchUpNanos = 100_000_000;
        this.nextAt = System.nanoTime();
    }

    /**
     * Waits until {@code pins} more may be sent, or until {@code stop} says to stop.
     *
     * @return false if stopped while waiting
     */
    boolean await(int pins, BooleanSupplier stop) {
        if (nanosPerPin == 0) {
            return !stop.getAsBoolean();
        }
        long now = System.nanoTime();
        if (now - nextAt > maxCatchUpNanos) {
            nextAt = now - maxCatchUpNanos;
        }
        while (nextAt - now > 0) {
            if (stop.getAsBoolean()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(nextAt - now, MAX_SLEEP_NANOS));
            now = System.nanoTime();
        }
        nextAt += (long) (pins * nanosPerPin);
        return !stop.getAsBoolean();
    }
}
