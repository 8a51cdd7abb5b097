package dev.pinpipeline.emulator.delivery;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.pinpipeline.retry.Backoff;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Delivers pins to ingest-api and settles every one of them as accepted, rejected or lost.
 *
 * <p>Transient failures (503, 429, 500, 502, 504, connection errors, timeouts) are retried with exponential
 * backoff and jitter, or after the {@code Retry-After} the API asked for, for up to {@code retryFor} per request;
 * only then are its pins lost. A 4xx is a rejection: counted, not retried. In bulk mode a 413 splits the request
 * in two, and when the answer reports some pins neither accepted nor rejected the request is sent again.
 *
 * <p>Each request carries a random {@code Idempotency-Key}, the same on every attempt, and is always sent again
 * whole (same body, same key). A request whose outcome is unknown (a 503, a dropped connection, a timeout) may
 * have been written, so the API may store a pin twice; but ingest-api derives the {@code event_id} from the key
 * and the pin, so both records are one event, which the pipeline counts once.
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
    private final Backoff backoff;
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
                ? FIRST_BACKOFF
                : settings.maxBackoff().dividedBy(2);
        this.backoff = new Backoff(firstBackoff, settings.maxBackoff(), JITTER);
        this.retryPolicy = backoff.<HttpResponse<String>>retryPolicy()
                .handleIf((response, failure) -> failure != null ? isTransient(failure) : isTransientAnswer(response))
                .withDelayFn(context -> {
                    Duration asked = RetryAfter.of(context.getLastResult(), settings.maxBackoff());
                    // The jitter below spreads delays by ±20%: a Retry-After is stretched by a quarter so that
                    // what the API asked for stays the shortest wait.
                    return asked != null
                            ? max(asked, firstBackoff).multipliedBy(5).dividedBy(4)
                            : backoff.delay(context.getAttemptCount());
                })
                .withMaxDuration(settings.retryFor())
                .onRetry(event -> events.retrying(describe(event.getLastResult(), event.getLastException())))
                .build();
    }

    /**
     * One request: its pins and the {@code Idempotency-Key} it carries on every attempt.
     *
     * @param pins the pins, in the order of the request's body
     * @param idempotencyKey a random UUID, new for each request (a new post), kept for all its retries
     */
    record Request(List<String> pins, String idempotencyKey) {

        static Request of(List<String> pins) {
            return new Request(List.copyOf(pins), UUID.randomUUID().toString());
        }

        /** Positions 0 … n-1: every pin of the request. */
        List<Integer> everyPosition() {
            return IntStream.range(0, pins.size()).boxed().toList();
        }
    }

    /** Sends the pins (one request) and completes when every one of them is settled. */
    public CompletableFuture<Void> deliver(List<String> pins) {
        Request request = Request.of(pins);
        return attempt(
                request,
                request.everyPosition(),
                System.nanoTime() + settings.retryFor().toNanos(),
                1);
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

    /**
     * @param open the positions of the request's pins not settled yet
     * @param round 1 for the first answer with results, then 2, 3, … as the request is sent again for some pins
     */
    private CompletableFuture<Void> attempt(Request request, List<Integer> open, long giveUpAt, int round) {
        if (aborted) {
            events.lost(open.size(), STOPPED);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<HttpResponse<String>> sending =
                Failsafe.with(retryPolicy).with(scheduler).getStageAsync(() -> timedPost(request));
        pending.add(sending);
        if (aborted) {
            sending.cancel(true);
        }
        return sending.handle((response, failure) -> {
                    pending.remove(sending);
                    return settle(request, open, response, failure, giveUpAt, round);
                })
                .thenCompose(settled -> settled);
    }

    private CompletableFuture<HttpResponse<String>> timedPost(Request request) {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> post = settings.bulk()
                ? client.postPins(request.pins(), request.idempotencyKey())
                : client.postPin(request.pins().get(0), request.idempotencyKey());
        return post.whenComplete((response, failure) -> {
            if (response != null) {
                events.answered(System.nanoTime() - start);
            }
        });
    }

    private CompletableFuture<Void> settle(
            Request request,
            List<Integer> open,
            HttpResponse<String> response,
            Throwable failure,
            long giveUpAt,
            int round) {
        int count = open.size();
        if (failure != null) {
            Throwable cause = unwrap(failure);
            events.lost(
                    count,
                    cause instanceof CancellationException
                            ? STOPPED
                            : "gave up after retrying for "
                                    + settings.retryFor().toSeconds() + " s: " + describe(null, cause));
            return done();
        }
        int status = response.statusCode();
        if (isTransientAnswer(response)) {
            events.lost(
                    count,
                    "gave up after retrying for " + settings.retryFor().toSeconds() + " s: "
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
            // nothing was stored: the halves are new requests, with new keys
            events.retrying("HTTP 413: " + count + " pins too large for one request, sending them in two halves");
            List<String> pins = open.stream().map(request.pins()::get).toList();
            Request first = Request.of(pins.subList(0, count / 2));
            Request second = Request.of(pins.subList(count / 2, count));
            return CompletableFuture.allOf(
                    attempt(first, first.everyPosition(), giveUpAt, round),
                    attempt(second, second.everyPosition(), giveUpAt, round));
        }
        BulkAnswer answer =
                BulkAnswer.read(status, response.body(), request.pins().size(), open);
        if (answer.accepted() > 0) {
            events.accepted(answer.accepted());
        }
        if (answer.rejected() > 0) {
            events.rejected(
                    answer.rejected(),
                    answer.reasons().isEmpty()
                            ? ProblemText.of(status, response.body())
                            : String.join("; ", answer.reasons()));
        }
        List<Integer> again = answer.retry();
        if (again.isEmpty()) {
            return done();
        }
        if (System.nanoTime() - giveUpAt > 0) {
            events.lost(
                    again.size(),
                    "gave up after retrying for " + settings.retryFor().toSeconds()
                            + " s: the API kept answering that it could not store them");
            return done();
        }
        // Those pins may still be stored. Sending the same request again (same body, same key) gives each pin the
        // event_id of its first attempt; a new request with only those pins would give them new ones.
        events.retrying("the API could not store " + again.size() + " of " + count + " pins ("
                + ProblemText.of(status, null) + "), sending the request again");
        Duration asked = RetryAfter.of(response, settings.maxBackoff());
        Duration delay = asked != null ? max(asked, firstBackoff) : backoff.delay(round);
        CompletableFuture<Void> resent = new CompletableFuture<>();
        scheduler.schedule(
                () -> attempt(request, again, giveUpAt, round + 1)
                        .whenComplete((ignored, error) -> resent.complete(null)),
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
        return resent;
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
            return cause.getClass().getSimpleName()
                    + (message == null || message.isBlank() ? "" : " (" + message + ")");
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
