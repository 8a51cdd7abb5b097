package dev.pinpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's §1 text table over real HTTP into a real broker, with every default: the issue's three cases are
 * refused with a 422 naming the field and nothing reaches Kafka; control characters and non-characters reach Kafka
 * as the same text. The topic the service creates has the default 2 partitions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PinTextIngestIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA);

    static final String TOPIC = "pins-text-it-" + UUID.randomUUID();

    private static final String REQUIRED = "\"index\": 1, \"unique_id\": \"fbe53c66-3442-4773-b19e-d3ec6f54dddf\"";

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> infra.kafka().bootstrapServers());
        registry.add("ingest.topic", () -> TOPIC);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @BeforeEach
    void waitUntilReady() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                                        .build())
                                .statusCode()
                        == 200);
    }

    @Test
    void theIssuesThreeCasesAreRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        long before = KafkaTopicReader.endOffsetSum(infra.kafka().bootstrapServers(), TOPIC);
        List<Map.Entry<String, String>> bodies = List.of(
                Map.entry("title", "{" + REQUIRED + ", \"category\": \"art\", \"title\": \"a\\u0000b\"}"),
                Map.entry("category", "{" + REQUIRED + ", \"category\": \"art\\u0000\"}"),
                Map.entry(
                        "title",
                        "{" + REQUIRED + ", \"category\": \"art\", \"title\": \"\\ud800 a lone surrogate first\"}"));

        for (Map.Entry<String, String> body : bodies) {
            HttpResponse<String> response = postPin(body.getValue());

            assertThat(response.statusCode()).as(body.getValue()).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode errors = JsonMapper.shared().readTree(response.body()).get("errors");
            assertThat(errors.size()).isEqualTo(1);
            assertThat(errors.get(0).get("field").stringValue()).isEqualTo(body.getKey());
        }
        assertThat(KafkaTopicReader.endOffsetSum(infra.kafka().bootstrapServers(), TOPIC))
                .isEqualTo(before);
    }

    @Test
    void controlCharactersAndNonCharactersReachKafkaAsTheSameText() throws Exception {
        String title = "tab\there \u0001\u001b[0m\u007f\u0085\u009f \ufdd0\ufffe\uffff\ud83f\udffe\ud83d\ude00";
        String sent = "{" + REQUIRED + ", \"category\": \"art\\u0001\", \"title\": \"tab\\there \\u0001\\u001b[0m"
                + "\u007f\u0085\u009f \ufdd0\ufffe\uffff\ud83f\udffe\ud83d\ude00\"}";

        HttpResponse<String> response = postPin(sent);

        assertThat(response.statusCode()).isEqualTo(200);
        String eventId =
                JsonMapper.shared().readTree(response.body()).get("event_id").stringValue();
        ConsumerRecord<String, byte[]> record =
                KafkaTopicReader.readAll(infra.kafka().bootstrapServers(), TOPIC).stream()
                        .filter(r -> eventId.equals(
                                new String(r.headers().lastHeader("event_id").value(), StandardCharsets.UTF_8)))
                        .findFirst()
                        .orElseThrow();
        JsonNode pin = JsonMapper.shared().readTree(record.value());
        assertThat(pin.get("title").stringValue()).isEqualTo(title);
        assertThat(pin.get("category").stringValue()).isEqualTo("art\u0001");
    }

    @Test
    void theTopicIsCreatedWithTheDefaultTwoPartitions() throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(TOPIC))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(TOPIC)
                            .partitions())
                    .hasSize(2);
        }
    }

    private HttpResponse<String> postPin(String body) {
        return send(HttpRequest.newBuilder(uri("/pin/"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception ex) {
            throw new AssertionError(request.uri() + " got no answer: " + ex, ex);
        }
    }
}
