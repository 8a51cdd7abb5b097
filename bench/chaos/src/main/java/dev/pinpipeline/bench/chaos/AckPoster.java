package dev.pinpipeline.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The witness of the run: posts real pins one at a time at a steady rate, each request with its own
 * {@code Idempotency-Key} and retried until it gets an answer, and records every 2xx receipt (event id, partition,
 * offset). The emulators post the bulk of the load but keep no such record; these receipts are what "every
 * acknowledged pin is in Kafka" is checked against.
 */
final class AckPoster implements Runnable {

    /** A 2xx receipt of {@code POST /pin}. */
    record Ack(String eventId, int partition, long offset) {
    }

    private static final Pattern RECEIPT = Pattern.compile(
            "\"event_id\":\"([0-9a-f-]{36})\".*\"partition\":(\\d+),\"offset\":(\\d+)");

    private final String url;
    private final List<String> pins;
    private final long intervalNanos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Ack> acks = new ConcurrentHashMap<>();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile long lastAckNanos;
    private volatile boolean stopping;

    AckPoster(String ingestUrl, Path realPins, double rate, long seed) {
        this.url = ingestUrl + "/pin/";
        this.pins = readPins(realPins);
        Collections.shuffle(pins, new Random(seed));
        this.intervalNanos = (long) (1e9 / rate);
    }

    private static List<String> readPins(Path dir) {
        try (var files = Files.list(dir)) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(file).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        for (int i = 0; !stopping; i++) {
            postUntilAnswered(pins.get(i % pins.size()));
            next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleep(wait / 1_000_000);
            }
        }
    }

    /** Retries the same request (same key, same body) until a 2xx or a 4xx; gives up only when stopped. */
    private void postUntilAnswered(String pin) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(pin))
                .build();
        long giveUpAt = Long.MAX_VALUE;
        while (System.nanoTime() < giveUpAt) {
            if (stopping && giveUpAt == Long.MAX_VALUE) {
                giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    record(response.body());
                    return;
                }
                if (status / 100 == 4 && status != 429) {
                    rejected.incrementAndGet();
                    return;
                }
            } catch (IOException unreachable) {
                // ingest-api down or restarting: retry below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            retries.incrementAndGet();
            sleep(250);
        }
    }

    private void record(String body) {
        Matcher m = RECEIPT.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("A 2xx receipt without event_id, partition and offset: " + body);
        }
        acks.put(m.group(1), new Ack(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))));
        lastAckNanos = System.nanoTime();
    }

    /** Finishes the request in flight (retrying it up to 60 s more), then returns. */
    void stop() {
        stopping = true;
    }

    Map<String, Ack> acks() {
        return Map.copyOf(acks);
    }

    long ackCount() {
        return acks.size();
    }

    long lastAckNanos() {
        return lastAckNanos;
    }

    long rejected() {
        return rejected.get();
    }

    long retries() {
        return retries.get();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
