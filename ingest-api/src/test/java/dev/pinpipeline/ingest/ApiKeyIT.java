package dev.pinpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code ingest.api-key} set, the pin endpoints want the key; without it (PinIngestIT) they do not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ingest.api-key=it-secret")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ApiKeyIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA);

    static final String TOPIC = "pins-api-key-it-" + UUID.randomUUID();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> infra.kafka().bootstrapServers());
        registry.add("ingest.topic", () -> TOPIC);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private HttpResponse<String> postPin(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pin/"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RealPins.first(RealPins.OLDER)));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTheKeyAPinIsUnauthorizedAndNotWritten() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> health().statusCode() == 200);
        long before = KafkaTopicReader.endOffsetSum(infra.kafka().bootstrapServers(), TOPIC);

        HttpResponse<String> missing = postPin(null);
        HttpResponse<String> wrong = postPin("not-it");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.body()).contains("X-API-Key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(KafkaTopicReader.endOffsetSum(infra.kafka().bootstrapServers(), TOPIC))
                .isEqualTo(before);
    }

    @Test
    void withTheKeyAPinIsAccepted() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> health().statusCode() == 200);
        assertThat(postPin("it-secret").statusCode()).isEqualTo(200);
    }

    @Test
    void healthNeedsNoKey() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> health().statusCode() == 200);
    }

    private HttpResponse<String> health() throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
