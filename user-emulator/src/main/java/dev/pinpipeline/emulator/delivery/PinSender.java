package dev.pinpipeline.emulator.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

/**
 * Delivers pins to ingest-api and settles every one of them as accepted, rejected or lost.
 *
 * <p>Transient failures (503, 429, 500, 502, 504, connection errors, timeouts) are retried with exponential
 * backoff and jitter, or after the {@code Retry-After} the API asked for, for up to {@code retryFor} per request;
 * only then are its pins lost. A 4xx is a rejection: counted, not retried. In bulk mode a 413 splits the request
 * in two, and pins that a 2xx answer reports neither accepted nor rejected are sent again.
 *
 * <p>Delivery is at least once: a request whose answer was lost (connection dropped after the API had produced
 * the pin, or a timeout) is sent again, so the API may see such a pin twice.
 */
public final class PinSender implements AutoCloseable {

    /**
     * @param bulk post to {@code /pins} (a JSON array) instead of {@code /pin/} (one pin)
     * @param retryFor how long one request is retried before its pins are given up
     * @param maxBackoff the longest wait between two attempts (and the cap on Retry-After)
     */
    public record Settings(boolean bulk, Duration retryFor, Duration maxBackoff) {
        public Settings {
            if (retryFor.compareTo(maxBackoff) <= 0) {
                maxBackoff = retryFor.dividedBy(2);
            }
        }
    }

    /** The reason given for pins still in flight when the run is stopped and the drain timeout has passed. */
    public static final String STOPPED = "stopped before the API accepted them";

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final double JITTER = 0.2;

    private final IngestClient client;
    private final DeliveryEvents events;
    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final Duration firstBackoff;
    private final RetryPolicy<HttpResponse<String>> retryPolicy;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    public PinSender(IngestClient client, DeliveryEvents events, Settings settings) {
        this.client = client;
        this.events = events;
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pin-retries");
            thread.setDaemon(true);
            return thread;
        });
        this.firstBackoff = FIRST_BACKOFF.compareTo(settings.maxBackoff()) < 0
                ? FIRST_BACKOFF : settings.maxBackoff().dividedBy(2);
        this.retryPolicy = RetryPolicy.<HttpResponse<String>>builder()
                .handleIf((response, failure) -> failure != null ? isTransient(failure) : isTransientAnswer(response))
                .withDelayFn(context -> {
                    Duration asked = RetryAfter.of(context.getLastResult(), settings.maxBackoff());
                    // The jitter below spreads delays by ±20%: a Retry-After is stretched by a quarter so that
                    // what the API asked for stays the shortest wait.
                    return asked != null
                            ? max(asked, firstBackoff).multipliedBy(5).dividedBy(4)
                            : backoff(firstBackoff, settings.maxBackoff(), context.getAttemptCount());
                })
                .withJitter(JITTER)
                .withMaxRetries(-1)
                .withMaxDuration(settings.retryFor())
                .onRetry(event -> events.retrying(describe(event.getLastResult(), event.getLastException())))
                .build();
    }

    /** Sends the pins (one request) and completes when every one of them is settled. */
    public CompletableFuture<Void> deliver(List<String> pins) {
        return attempt(pins, System.nanoTime() + settings.retryFor().toNanos(), 1);
    }

    /** Stops retrying: every pin not yet settled is counted lost, now. */
    public void abort() {
        aborted = true;
        for (CompletableFuture<?> request : List.copyOf(pending)) {
            request.cancel(true);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** @param round 1 for the first request of these pins, then 2, 3, … as some of them are sent again */
    private CompletableFuture<Void> attempt(List<String> pins, long giveUpAt, int round) {
        if (aborted) {
            events.lost(pins.size(), STOPPED);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<HttpResponse<String>> request = Failsafe.with(retryPolicy).with(scheduler)
                .getStageAsync(() -> timedPost(pins));
        pending.add(request);
        if (aborted) {
            request.cancel(true);
        }
        return request
                .handle((response, failure) -> {
                    pending.remove(request);
                    return settle(pins, response, failure, giveUpAt, round);
                })
                .thenCompose(settled -> settled);
    }

    private CompletableFuture<HttpResponse<String>> timedPost(List<String> pins) {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> post = settings.bulk() ? client.postPins(pins) : client.postPin(pins.get(0));
        return post.whenComplete((response, failure) -> {
            if (response != null) {
                events.answered(System.nanoTime() - start);
            }
        });
    }

    private CompletableFuture<Void> settle(List<String> pins, HttpResponse<String> response, Throwable failure,
            long giveUpAt, int round) {
        int count = pins.size();
        if (failure != null) {
            Throwable cause = unwrap(failure);
            events.lost(count, cause instanceof CancellationException
                    ? STOPPED
                    : "gave up after retrying for " + settings.retryFor().toSeconds() + " s: " + describe(null, cause));
            return done();
        }
        int status = response.statusCode();
        if (isTransientAnswer(response)) {
            events.lost(count, "gave up after retrying for " + settings.retryFor().toSeconds() + " s: "
                    + describe(response, null));
            return done();
        }
        if (isFatal(status)) {
            events.rejected(count, ProblemText.of(status, response.body()));
            events.fatal(fatalMessage(status, response));
            return done();
        }
        if (!settings.bulk()) {
            if (isSuccess(status)) {
                events.accepted(1);
            } else {
                events.rejected(1, ProblemText.of(status, response.body()));
            }
            return done();
        }
        if (status == 413 && count > 1) {
            events.retrying("HTTP 413: " + count + " pins too large for one request, sending them in two halves");
            return CompletableFuture.allOf(
                    attempt(pins.subList(0, count / 2), giveUpAt, round),
                    attempt(pins.subList(count / 2, count), giveUpAt, round));
        }
        BulkAnswer answer = BulkAnswer.read(status, response.body(), count);
        if (answer.accepted() > 0) {
            events.accepted(answer.accepted());
        }
        if (answer.rejected() > 0) {
            events.rejected(answer.rejected(), answer.reasons().isEmpty()
                    ? ProblemText.of(status, response.body()) : String.join("; ", answer.reasons()));
        }
        if (answer.retry().isEmpty()) {
            return done();
        }
        List<String> again = answer.retry().stream().map(pins::get).toList();
        if (System.nanoTime() - giveUpAt > 0) {
            events.lost(again.size(), "gave up after retrying for " + settings.retryFor().toSeconds()
                    + " s: the API kept answering that it could not store them");
            return done();
        }
        events.retrying("the API could not store " + again.size() + " of " + count + " pins ("
                + ProblemText.of(status, null) + "), sending them again");
        Duration asked = RetryAfter.of(response, settings.maxBackoff());
        Duration delay = asked != null ? max(asked, firstBackoff) : backoff(firstBackoff, settings.maxBackoff(), round);
        CompletableFuture<Void> resent = new CompletableFuture<>();
        scheduler.schedule(() -> attempt(again, giveUpAt, round + 1).whenComplete((ignored, error) -> resent.complete(null)),
                delay.toMillis(), TimeUnit.MILLISECONDS);
        return resent;
    }

    /** Exponential: first, 2 × first, 4 × first, … up to max. */
    static Duration backoff(Duration first, Duration max, int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** A failure worth sending the whole request again for; in bulk, a 503 that answers pin by pin is not one. */
    private boolean isTransientAnswer(HttpResponse<String> response) {
        return isTransient(response.statusCode()) && !(settings.bulk() && BulkAnswer.hasResults(response.body()));
    }

    static boolean isTransient(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    static boolean isTransient(Throwable failure) {
        return unwrap(failure) instanceof IOException;
    }

    private static boolean isFatal(int status) {
        return status == 401 || status == 403 || status == 404 || status == 405;
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private String fatalMessage(int status, HttpResponse<String> response) {
        String target = "POST " + response.uri();
        if (status == 401 || status == 403) {
            return target + " answered " + status + ": the API key is missing or wrong (--api-key, or INGEST_API_KEY)";
        }
        return target + " answered " + status + ": is --url (INGEST_URL) the base URL of ingest-api?";
    }

    private String describe(HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = unwrap(failure);
            if (cause instanceof ConnectException) {
                return "cannot connect to " + client.singleUri().getAuthority();
            }
            String message = cause.getMessage();
            return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
        }
        return response == null ? "no answer" : ProblemText.of(response.statusCode(), response.body());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
