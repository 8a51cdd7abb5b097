package dev.pinpipeline.emulator.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ingest-api over HTTP/1.1: {@code POST /pin/} with one pin (the path the original client used) and
 * {@code POST /pins} with a JSON array, each with an {@code Idempotency-Key} the caller keeps for every retry of
 * the request. Asynchronous: the JDK client multiplexes all requests on a few threads.
 */
public final class IngestClient {

    /** The header ingest-api reads its optional API key from. */
    public static final String API_KEY_HEADER = "X-API-Key";

    /**
     * The header that makes ingest-api derive the event ids from the key and the pins (IETF
     * draft-ietf-httpapi-idempotency-key-header): a retry with the same key is the same event, not another one.
     */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private static final String USER_AGENT = "pinpipeline-user-emulator/0.1";

    private final HttpClient http;
    private final URI singleUri;
    private final URI bulkUri;
    private final String apiKey;
    private final Duration timeout;

    public IngestClient(URI baseUrl, String apiKey, Duration timeout) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.singleUri = URI.create(base + "/pin/");
        this.bulkUri = URI.create(base + "/pins");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public URI singleUri() {
        return singleUri;
    }

    public URI bulkUri() {
        return bulkUri;
    }

    /** Posts one pin, its JSON text as the body. */
    public CompletableFuture<HttpResponse<String>> postPin(String pin, String idempotencyKey) {
        return send(singleUri, pin, idempotencyKey);
    }

    /** Posts pins as one JSON array. */
    public CompletableFuture<HttpResponse<String>> postPins(List<String> pins, String idempotencyKey) {
        StringBuilder body = new StringBuilder(pins.size() * 1_024).append('[');
        for (int i = 0; i < pins.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(pins.get(i));
        }
        return send(bulkUri, body.append(']').toString(), idempotencyKey);
    }

    private CompletableFuture<HttpResponse<String>> send(URI uri, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", USER_AGENT)
                .header(IDEMPOTENCY_KEY_HEADER, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header(API_KEY_HEADER, apiKey);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
