package dev.pinpipeline.retry;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;

/**
 * The project's one retry backoff, computed by Failsafe: wait {@code initialDelay} after the first failure, then
 * {@link #FACTOR} times longer after each further one, at most {@code maxDelay}, each wait spread at random by
 * {@code jitter} (a fraction, 0 for none). Every module that retries uses it (batch-consumer, user-emulator,
 * spark-streaming, local-pipeline); Failsafe depends on nothing, so this module fits both dependency worlds.
 *
 * @param initialDelay the wait after the first failure
 * @param maxDelay     the longest wait; when {@code initialDelay} is not shorter, every wait is {@code maxDelay}
 * @param jitter       how far each wait is spread at random, as a fraction of it (0 ≤ jitter ≤ 1)
 */
public record Backoff(Duration initialDelay, Duration maxDelay, double jitter) {

    /** Each wait is this many times the one before it. */
    public static final double FACTOR = 2;

    private static final Exception FAILURE = new Exception("failed attempt");

    /** Exponential backoff without jitter. */
    public Backoff(Duration initialDelay, Duration maxDelay) {
        this(initialDelay, maxDelay, 0);
    }

    /** A retry policy with these waits that retries every failure without limit; callers narrow it. */
    public <R> RetryPolicyBuilder<R> retryPolicy() {
        RetryPolicyBuilder<R> builder = RetryPolicy.<R>builder().withMaxRetries(-1);
        if (initialDelay.compareTo(maxDelay) < 0) {
            builder.withBackoff(initialDelay, maxDelay, FACTOR);
        } else {
            builder.withDelay(maxDelay);
        }
        return jitter > 0 ? builder.withJitter(jitter) : builder;
    }

    /**
     * The wait after {@code failures} failures in a row (at least one), without jitter: what {@link #retryPolicy()}
     * waits, for retries the caller schedules itself.
     */
    public Duration delay(int failures) {
        Execution<Object> execution =
                Execution.of(new Backoff(initialDelay, maxDelay).retryPolicy().build());
        for (int i = 0; i < Math.max(failures, 1); i++) {
            execution.recordException(FAILURE);
        }
        return execution.getDelay();
    }
}
