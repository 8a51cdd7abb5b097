package dev.pinpipeline.archive.consumer;

import java.time.Duration;

/** Exponential backoff between attempts: initial, 2×, 4×, … capped at max. */
record Backoff(Duration initial, Duration max) {

    Duration delay(int failures) {
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 20);
        Duration delay = initial.multipliedBy(factor);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
