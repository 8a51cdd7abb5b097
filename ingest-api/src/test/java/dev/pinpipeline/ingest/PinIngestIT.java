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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
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

/** The service against a real Kafka broker (local-infra): what goes in over HTTP is what comes out of Kafka. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ingest.partitions=4", "ingest.bulk-limit=50"})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PinIngestIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA);

    static final String TOPIC = "pins-it-" + UUID.randomUUID();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> infra.kafka().bootstrapServers());
        registry.add("ingest.topic", () -> TOPIC);
    }

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @BeforeEach
    void waitUntilReady() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    private String kafka() {
        return infra.kafka().bootstrapServers();
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) {
        return post(path, contentType, body, null);
    }

    HttpResponse<String> post(String path, String contentType, String body, String idempotencyKey) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8), idempotencyKey);
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception ex) {
            throw new AssertionError("POST " + path + " got no answer: " + ex, ex);
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static Map<String, ConsumerRecord<String, byte[]>> byEventId(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, ConsumerRecord<String, byte[]>> byId = new HashMap<>();
        records.forEach(record -> byId.put(header(record, "event_id"), record));
        return byId;
    }

    @Test
    void everyRealPinIsAcceptedAndReadBackWithItsKeyMetadataAndValues() throws Exception {
        List<String> pins = RealPins.all();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < pins.size(); i++) {
                String path = i % 2 == 0 ? "/pin/" : "/pin"; // the original client's path, and the plain one
                String pin = pins.get(i);
                answers.add(clients.submit(() -> post(path, "application/json", pin)));
            }
            Map<String, JsonNode> receipts = new HashMap<>();
            for (int i = 0; i < pins.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get();
                assertThat(answer.statusCode()).as(pins.get(i)).isEqualTo(200);
                tools.jackson.databind.node.ObjectNode receipt =
                        (tools.jackson.databind.node.ObjectNode) JSON.readTree(answer.body());
                receipts.put(receipt.get("event_id").stringValue(), receipt.put("sent", pins.get(i)));
            }

            Map<String, ConsumerRecord<String, byte[]>> records = byEventId(KafkaTopicReader.readAll(kafka(), TOPIC));
            for (JsonNode receipt : receipts.values()) {
                ConsumerRecord<String, byte[]> record =
                        records.get(receipt.get("event_id").stringValue());
                JsonNode sent = JSON.readTree(receipt.get("sent").stringValue());
                assertThat(record).as("record of %s", receipt).isNotNull();
                assertThat(record.partition())
                        .isEqualTo(receipt.get("partition").intValue());
                assertThat(record.offset()).isEqualTo(receipt.get("offset").longValue());
                assertThat(record.key())
                        .isEqualTo(sent.get("unique_id").stringValue().toLowerCase(Locale.ROOT));
                assertThat(header(record, "ingested_at"))
                        .isEqualTo(receipt.get("ingested_at").stringValue())
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                assertThat(record.timestamp())
                        .isEqualTo(Instant.parse(header(record, "ingested_at")).toEpochMilli());
                assertThat(JSON.readTree(record.value())).isEqualTo(sent);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void unknownFieldsAreDroppedAndValuesStayAsSent() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> answer = post("/pin", "application/json", """
				{"index": "12", "unique_id": "%s", "category": "art", "follower_count": 437, "downloaded": true,
				 "utm_source": "newsletter", "nested": {"a": [1, 2]}}""".formatted(id));

        assertThat(answer.statusCode()).isEqualTo(200);
        ConsumerRecord<String, byte[]> record = byEventId(KafkaTopicReader.readAll(kafka(), TOPIC))
                .get(JSON.readTree(answer.body()).get("event_id").stringValue());
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("""
				{"index":"12","unique_id":"%s","category":"art","follower_count":437,"downloaded":true}""".formatted(id));
    }

    @Test
    void bothSpellingsOfAUniqueIdGoToTheSamePartitionWithTheLowerCaseKey() {
        // a pin whose two spellings hash to different partitions: keyed as sent, they would be split
        String id = Stream.generate(() -> UUID.randomUUID().toString())
                .filter(uuid -> defaultPartition(uuid) != defaultPartition(uuid.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow();
        String pin = "{\"index\": 5, \"unique_id\": \"%s\", \"category\": \"art\"}";

        JsonNode lower = JSON.readTree(
                post("/pin", "application/json", pin.formatted(id)).body());
        JsonNode upper = JSON.readTree(post("/pin", "application/json", pin.formatted(id.toUpperCase(Locale.ROOT)))
                .body());

        assertThat(upper.get("partition").intValue())
                .isEqualTo(lower.get("partition").intValue());
        List<ConsumerRecord<String, byte[]>> records = recordsOf(lower, upper);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly(id, id);
        assertThat(records)
                .extracting(ConsumerRecord::partition)
                .containsOnly(lower.get("partition").intValue());
        assertThat(JSON.readTree(records.get(1).value()).get("unique_id").stringValue())
                .isEqualTo(id.toUpperCase(Locale.ROOT));
    }

    @Test
    void aPinPostedAgainWithTheSameIdempotencyKeyIsWrittenWithTheSameEventIdAnotherPinWithAnotherOne() {
        String key = UUID.randomUUID().toString();
        String pin = "{\"index\": 6, \"unique_id\": \"" + UUID.randomUUID() + "\", \"category\": \"art\"}";

        JsonNode first =
                JSON.readTree(post("/pin/", "application/json", pin, key).body());
        JsonNode retry =
                JSON.readTree(post("/pin/", "application/json", pin, key).body());
        JsonNode other = JSON.readTree(post("/pin/", "application/json", pin.replace("art", "travel"), key)
                .body());
        JsonNode noKey =
                JSON.readTree(post("/pin/", "application/json", pin, null).body());

        List<ConsumerRecord<String, byte[]>> records = recordsOf(first, retry, other, noKey);
        List<String> eventIds =
                records.stream().map(record -> header(record, "event_id")).toList();
        assertThat(records.get(1).offset())
                .as("the retry is a second record")
                .isNotEqualTo(records.get(0).offset());
        assertThat(eventIds.get(0)).isEqualTo(first.get("event_id").stringValue());
        assertThat(eventIds.get(1))
                .as("the retry")
                .isEqualTo(eventIds.get(0))
                .isEqualTo(retry.get("event_id").stringValue());
        assertThat(eventIds.get(2)).as("another pin, same key").isNotEqualTo(eventIds.get(0));
        assertThat(eventIds.get(3)).as("the same pin without a key").isNotIn(eventIds.get(0), eventIds.get(2));
    }

    @Test
    void aBulkRequestPostedAgainWithTheSameIdempotencyKeyIsWrittenWithTheSameEventIds() {
        String key = UUID.randomUUID().toString();
        String pin = "{\"index\": 7, \"unique_id\": \"" + UUID.randomUUID() + "\", \"category\": \"art\"}";
        String body = "[" + pin + "," + pin + "]";

        JsonNode first =
                JSON.readTree(post("/pins", "application/json", body, key).body());
        JsonNode retry = JSON.readTree(
                post("/pins/", "application/x-ndjson", pin + "\n" + pin, key).body());

        List<String> eventIds =
                recordsOf(
                                first.at("/results/0"),
                                first.at("/results/1"),
                                retry.at("/results/0"),
                                retry.at("/results/1"))
                        .stream()
                        .map(record -> header(record, "event_id"))
                        .toList();
        assertThat(eventIds.get(2)).isEqualTo(eventIds.get(0));
        assertThat(eventIds.get(3)).isEqualTo(eventIds.get(1));
        assertThat(eventIds.get(1))
                .as("the same pin at another position is another post")
                .isNotEqualTo(eventIds.get(0));
    }

    /**
     * A broker that stalls (here: SIGSTOP) after it received the produce request: the answer is a 503, yet the
     * record is appended once the broker resumes. The client's retry with the same Idempotency-Key writes the same
     * event_id, so the pipeline (one record per event_id) counts the pin once.
     */
    @Test
    void aPinAnswered503MayStillBeWrittenAndItsRetryWithTheSameKeyHasTheSameEventId() throws Exception {
        String id = UUID.randomUUID().toString();
        String pin = "{\"index\": 8, \"unique_id\": \"" + id + "\", \"category\": \"art\"}";
        String key = UUID.randomUUID().toString();
        assertThat(post("/pin", "application/json", RealPins.first(RealPins.NEWER))
                        .statusCode())
                .isEqualTo(200);
        long before = KafkaTopicReader.endOffsetSum(kafka(), TOPIC);

        HttpResponse<String> unknown;
        signalBroker("STOP");
        try {
            unknown = post("/pin", "application/json", pin, key);
            Thread.sleep(1_000);
        } finally {
            signalBroker("CONT");
        }
        assertThat(unknown.statusCode()).isEqualTo(503);
        assertThat(unknown.body()).contains("may still be written", "Idempotency-Key");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> KafkaTopicReader.endOffsetSum(kafka(), TOPIC) == before + 1); // written behind the 503
        HttpResponse<String> retried = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> post("/pin", "application/json", pin, key), answer -> answer.statusCode() == 200);

        List<ConsumerRecord<String, byte[]>> records = KafkaTopicReader.readAll(kafka(), TOPIC).stream()
                .filter(record -> id.equals(record.key()))
                .toList();
        assertThat(records)
                .hasSize(2)
                .extracting(record -> header(record, "event_id"))
                .containsOnly(JSON.readTree(retried.body()).get("event_id").stringValue());
    }

    private void signalBroker(String signal) throws Exception {
        Process kill = new ProcessBuilder(
                        "kill", "-" + signal, Long.toString(infra.kafka().pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
    }

    @Test
    void anInvalidIdempotencyKeyIsABadRequestAndWritesNothing() {
        String pin = RealPins.first(RealPins.NEWER);
        long before = KafkaTopicReader.endOffsetSum(kafka(), TOPIC);

        // (the JDK client turns non-ASCII header characters into '?': IdempotencyKeyTest covers those)
        for (String key : List.of("", "x".repeat(256), "two words")) {
            HttpResponse<String> answer = post("/pin/", "application/json", pin, key);
            assertThat(answer.statusCode()).as(key).isEqualTo(400);
            assertThat(answer.body()).contains("urn:pinpipeline:problem:invalid_idempotency_key", "Idempotency-Key");
            assertThat(post("/pins", "application/json", "[" + pin + "]", key).statusCode())
                    .isEqualTo(400);
        }

        assertThat(KafkaTopicReader.endOffsetSum(kafka(), TOPIC)).isEqualTo(before);
    }

    /** The records the receipts (or bulk results) point to, in the same order. */
    private List<ConsumerRecord<String, byte[]>> recordsOf(JsonNode... receipts) {
        Map<String, ConsumerRecord<String, byte[]>> byPlace = new HashMap<>();
        KafkaTopicReader.readAll(kafka(), TOPIC)
                .forEach(record -> byPlace.put(record.partition() + "/" + record.offset(), record));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (JsonNode receipt : receipts) {
            ConsumerRecord<String, byte[]> record = byPlace.get(receipt.get("partition")
                            .intValue() + "/" + receipt.get("offset").longValue());
            assertThat(record).as("the record of %s", receipt).isNotNull();
            records.add(record);
        }
        return records;
    }

    /** The partition Kafka's default partitioner picks for a key among the topic's 4. */
    private static int defaultPartition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 4;
    }

    @Test
    void badRequestsWriteNothingToKafka() {
        String pin = RealPins.first(RealPins.NEWER);
        long before = KafkaTopicReader.endOffsetSum(kafka(), TOPIC);

        assertThat(post("/pin/", "application/json", "{\"index\": 1").statusCode())
                .isEqualTo(400);
        assertThat(post("/pin/", "application/json", pin + " trailing").statusCode())
                .isEqualTo(400);
        assertThat(post("/pin/", "application/json", pin.replace("\"index\": 4", "\"index\": -4"))
                        .statusCode())
                .isEqualTo(422);
        assertThat(post("/pin/", "application/json", "[" + pin + "]").statusCode())
                .isEqualTo(422);
        assertThat(post("/pin/", "text/plain", pin).statusCode()).isEqualTo(415);
        assertThat(post("/pin/", "application/json", "{\"title\": \"" + "x".repeat(70_000) + "\"}")
                        .statusCode())
                .isEqualTo(413);
        assertThat(post("/pins", "application/json", ("[" + pin + ",").repeat(1))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/pins", "application/json", "[" + (pin + ",").repeat(50) + pin + "]")
                        .statusCode())
                .isEqualTo(413);
        HttpResponse<String> allInvalid = post("/pins", "application/x-ndjson", "{}\nnot json\n[]\n");
        assertThat(allInvalid.statusCode()).isEqualTo(200);
        assertThat(allInvalid.body()).contains("\"accepted\":0", "\"rejected\":3");

        assertThat(KafkaTopicReader.endOffsetSum(kafka(), TOPIC)).isEqualTo(before);
    }

    @Test
    void bulkRequestsAnswerPerPinAndProduceTheValidOnes() throws Exception {
        List<String> pins = RealPins.lines(RealPins.OLDER).subList(0, 5);
        String array = "[" + String.join(",", pins) + ", {\"index\": 1, \"category\": \"art\"}]";
        String lines = String.join("\n", RealPins.lines(RealPins.NEWER).subList(0, 3)) + "\n{oops\n";

        JsonNode arrayAnswer =
                JSON.readTree(post("/pins", "application/json", array).body());
        JsonNode linesAnswer =
                JSON.readTree(post("/pins/", "application/x-ndjson", lines).body());

        assertThat(arrayAnswer.get("accepted").intValue()).isEqualTo(5);
        assertThat(arrayAnswer.get("rejected").intValue()).isEqualTo(1);
        assertThat(arrayAnswer.at("/results/5/errors/0/field").stringValue()).isEqualTo("unique_id");
        assertThat(linesAnswer.get("accepted").intValue()).isEqualTo(3);
        assertThat(linesAnswer.at("/results/3/status").stringValue()).isEqualTo("rejected");

        Map<String, ConsumerRecord<String, byte[]>> records = byEventId(KafkaTopicReader.readAll(kafka(), TOPIC));
        for (int i = 0; i < 5; i++) {
            JsonNode result = arrayAnswer.get("results").get(i);
            ConsumerRecord<String, byte[]> record =
                    records.get(result.get("event_id").stringValue());
            assertThat(result.get("status").stringValue()).isEqualTo("accepted");
            assertThat(record.offset()).isEqualTo(result.get("offset").longValue());
            assertThat(JSON.readTree(record.value())).isEqualTo(JSON.readTree(pins.get(i)));
        }
    }

    @Test
    void theTopicIsCreatedWithTheConfiguredPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()))) {
            assertThat(admin.describeTopics(List.of(TOPIC))
                            .allTopicNames()
                            .get()
                            .get(TOPIC)
                            .partitions())
                    .hasSize(4);
        }
    }

    @Test
    void healthMetricsAndApiDocsAreServed() throws Exception {
        post("/pin", "application/json", RealPins.first(RealPins.NEWER));
        post("/pin", "application/json", "{}");

        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.body()).contains("\"kafka\"", "\"partitions\":4");
        String prometheus = get("/actuator/prometheus").body();
        assertThat(prometheus)
                .contains(
                        "pins_accepted_total{endpoint=\"pin\"",
                        "pins_rejected_total{reason=\"invalid_pin\"",
                        "pins_produce_latency_seconds_bucket");
        String apiDocs = get("/v3/api-docs").body();
        assertThat(apiDocs)
                .contains(
                        "\"/pin\"",
                        "\"/pin/\"",
                        "\"/pins\"",
                        "application/x-ndjson",
                        "Bored Panda",
                        "No Title Data Available",
                        "\"Idempotency-Key\"",
                        "nameUUIDFromBytes");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void whileKafkaIsDownPinsGet503WithRetryAfterThenTheServiceRecoversByItself() throws Exception {
        Set<String> sentDuringOutage = new java.util.HashSet<>();
        infra.kafka().stop();
        try {
            for (int i = 0; i < 3; i++) {
                String id = UUID.randomUUID().toString();
                sentDuringOutage.add(id);
                HttpResponse<String> answer = post(
                        "/pin/",
                        "application/json",
                        "{\"index\": 1, \"unique_id\": \"" + id + "\", \"category\": \"art\"}");
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(answer.body()).contains("urn:pinpipeline:problem:kafka_unavailable");
            }
            String bulkId = UUID.randomUUID().toString();
            sentDuringOutage.add(bulkId);
            HttpResponse<String> bulk = post(
                    "/pins",
                    "application/json",
                    "[{\"index\": 1, \"unique_id\": \"" + bulkId + "\", \"category\": \"art\"}, {}]");
            assertThat(bulk.statusCode()).isEqualTo(503);
            assertThat(bulk.headers().firstValue("Retry-After")).isPresent();
            assertThat(bulk.body()).contains("\"unavailable\":1", "\"rejected\":1");
            assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        } finally {
            infra.kafka().start();
        }

        String afterId = UUID.randomUUID().toString();
        String pin = "{\"index\": 2, \"unique_id\": \"" + afterId + "\", \"category\": \"art\"}";
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> post("/pin", "application/json", pin).statusCode() == 200);

        Set<String> keys = KafkaTopicReader.readAll(kafka(), TOPIC).stream()
                .map(ConsumerRecord::key)
                .collect(Collectors.toSet());
        assertThat(keys).contains(afterId).doesNotContainAnyElementsOf(sentDuringOutage);
    }
}
