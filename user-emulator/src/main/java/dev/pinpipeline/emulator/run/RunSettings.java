package dev.pinpipeline.emulator.run;

import java.time.Duration;

/**
 * How much to send and how fast.
 *
 * @param rate pins per second; 0 = as fast as the API answers
 * @param count stop after this many pins; 0 = no limit
 * @param duration stop after this long; null = no limit
 * @param concurrency requests in flight at most (a request waiting for a retry counts)
 * @param bulkSize pins per request: 1 posts each pin to /pin/, more posts arrays to /pins
 * @param drainTimeout after Ctrl-C, how long pins in flight may still be delivered before they count as lost
 */
public record RunSettings(
        double rate, long count, Duration duration, int concurrency, int bulkSize, Duration drainTimeout) {

    public boolean isBulk() {
        return bulkSize > 1;
    }
}
