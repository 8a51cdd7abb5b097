package dev.pinpipeline.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process stand-in for ingest-api (JDK HttpServer on a free loopback port) that records every pin it
 * stores and can be told, request by request, to fail: 503 with Retry-After, dropped connections (before or
 * after storing), per-record failures in bulk answers, 413 above a size, 4xx rejections. Like ingest-api it gives
 * each stored pin an event id derived from the request's {@code Idempotency-Key} (random without one), and
 * {@link #events()} keeps the first record of each event id, as the pipeline does.
 */
final class FakeIngestApi implements AutoCloseable {

    /** What to do with one request, chosen by its number (1, 2, …). */
    enum Fault {
        NONE,
        UNAVAILABLE, // 503 + Retry-After: 0, nothing stored
        DROP_BEFORE_STORING, // connection closed without an answer, nothing stored
        DROP_AFTER_STORING, // stored, then the connection closed without an answer
        FAIL_SOME_RECORDS, // bulk: every third record "unavailable" (not stored), so a 503 answering pin by pin
        FAIL_SOME_RECORDS_LATE, // as FAIL_SOME_RECORDS, but the "unavailable" records are stored all the same (Kafka
        // appended them after the produce timeout)
        UNAUTHORIZED // 401
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final List<String> storedBodies = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Integer> bulkSizes = new CopyOnWriteArrayList<>();
    private volatile IntFunction<Fault> faults = request -> Fault.NONE;
    private volatile int maxBulkSize = Integer.MAX_VALUE;
    private volatile String rejectCategory;

    FakeIngestApi() throws IOException {
        // Without it the JDK server's small answers wait for delayed ACKs (~40 ms each on loopback).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/pin/", exchange -> handle(exchange, false));
        server.createContext("/pins", exchange -> handle(exchange, true));
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeIngestApi faults(IntFunction<Fault> faults) {
        this.faults = faults;
        return this;
    }

    /** Bulk requests above this size get 413. */
    FakeIngestApi maxBulkSize(int maxBulkSize) {
        this.maxBulkSize = maxBulkSize;
        return this;
    }

    /** Pins of this category are rejected with 422 (or "rejected" in a bulk answer). */
    FakeIngestApi rejectCategory(String category) {
        this.rejectCategory = category;
        return this;
    }

    /** Every pin stored, once per time it was stored, in {@link #canonical(String)} form. */
    List<String> stored() {
        return stored;
    }

    /** The pins stored, once per event id (what the pipeline counts), in {@link #canonical(String)} form. */
    List<String> events() {
        return events;
    }

    /** Every request received, in order. */
    List<Sent> sent() {
        return sent;
    }

    /** One request as received: its {@code Idempotency-Key} (null without one) and its body. */
    record Sent(String idempotencyKey, String body) {}

    /** The request bodies of the single pins stored, as received. */
    List<String> storedBodies() {
        return storedBodies;
    }

    /** One text per pin whatever its spacing: Jackson's rendering of the parsed pin (field order kept). */
    static String canonical(String pin) {
        return JSON.writeValueAsString(JSON.readTree(pin));
    }

    int requests() {
        return requests.get();
    }

    List<Integer> bulkSizes() {
        return bulkSizes;
    }

    private void handle(HttpExchange exchange, boolean bulk) throws IOException {
        try (exchange) {
            Fault fault = faults.apply(requests.incrementAndGet());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            sent.add(new Sent(key, body));
            switch (fault) {
                case UNAVAILABLE -> {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    answer(exchange, 503, "{\"title\":\"Service Unavailable\",\"detail\":\"Kafka is unavailable\"}");
                    return;
                }
                case DROP_BEFORE_STORING -> {
                    return; // closing the exchange without an answer drops the connection
                }
                case UNAUTHORIZED -> {
                    answer(exchange, 401, "{\"title\":\"Unauthorized\"}");
                    return;
                }
                default -> {}
            }
            if (!bulk) {
                JsonNode pin = JSON.readTree(body);
                if (pin.path("category").asString("").equals(rejectCategory)) {
                    answer(exchange, 422, "{\"title\":\"Unprocessable\",\"detail\":\"category refused\"}");
                    return;
                }
                storedBodies.add(body);
                store(pin, key == null ? null : key + "\n");
                if (fault != Fault.DROP_AFTER_STORING) {
                    answer(exchange, 201, "{\"eventId\":\"x\",\"partition\":0,\"offset\":1}");
                }
                return;
            }
            JsonNode pins = JSON.readTree(body);
            if (pins.size() > maxBulkSize) {
                answer(exchange, 413, "{\"title\":\"Payload Too Large\"}");
                return;
            }
            bulkSizes.add(pins.size());
            // The shape ingest-api answers with (BulkReceipt): counts, then one result per pin by position.
            List<String> results = new ArrayList<>();
            int accepted = 0;
            int rejected = 0;
            int unavailable = 0;
            for (int i = 0; i < pins.size(); i++) {
                JsonNode pin = pins.get(i);
                boolean unavailableItem =
                        (fault == Fault.FAIL_SOME_RECORDS || fault == Fault.FAIL_SOME_RECORDS_LATE) && i % 3 == 0;
                if (unavailableItem) {
                    if (fault == Fault.FAIL_SOME_RECORDS_LATE) {
                        store(pin, key == null ? null : key + "\n" + i + "\n");
                    }
                    unavailable++;
                    results.add("{\"item\":" + i + ",\"status\":\"unavailable\",\"message\":\"Kafka timed out\"}");
                } else if (pin.path("category").asString("").equals(rejectCategory)) {
                    rejected++;
                    results.add("{\"item\":" + i + ",\"status\":\"rejected\",\"errors\":[{\"field\":\"category\"}]}");
                } else {
                    store(pin, key == null ? null : key + "\n" + i + "\n");
                    accepted++;
                    results.add("{\"item\":" + i + ",\"status\":\"accepted\",\"event_id\":\"x\"}");
                }
            }
            if (fault == Fault.DROP_AFTER_STORING) {
                return;
            }
            if (unavailable > 0) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            answer(
                    exchange,
                    unavailable > 0 ? 503 : 200,
                    "{\"accepted\":" + accepted + ",\"rejected\":" + rejected + ",\"unavailable\":" + unavailable
                            + ",\"results\":[" + String.join(",", results) + "]}");
        }
    }

    /** @param eventName the key and position the event id is derived from, with the pin; null for a random one */
    private void store(JsonNode pin, String eventName) {
        String canonical = JSON.writeValueAsString(pin);
        stored.add(canonical);
        String eventId = eventName == null
                ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((eventName + canonical).getBytes(StandardCharsets.UTF_8))
                        .toString();
        if (eventIds.add(eventId)) {
            events.add(canonical);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
