package dev.pinpipeline.ingest;

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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service against a real Kafka broker (local-infra): what goes in over HTTP is what comes out of Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ingest.partitions=4", "ingest.bulk-limit=50" })
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

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@BeforeEach
	void waitUntilReady() {
		await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
	}

	private String kafka() {
		return infra.kafka().bootstrapServers();
	}

	HttpResponse<String> post(String path, String contentType, String body) {
		return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	HttpResponse<String> post(String path, String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new AssertionError("POST " + path + " got no answer: " + ex, ex);
		}
	}

	HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(15))
			.build(), HttpResponse.BodyHandlers.ofString());
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
				tools.jackson.databind.node.ObjectNode receipt = (tools.jackson.databind.node.ObjectNode) JSON
					.readTree(answer.body());
				receipts.put(receipt.get("event_id").stringValue(), receipt.put("sent", pins.get(i)));
			}

			Map<String, ConsumerRecord<String, byte[]>> records = byEventId(KafkaTopicReader.readAll(kafka(), TOPIC));
			for (JsonNode receipt : receipts.values()) {
				ConsumerRecord<String, byte[]> record = records.get(receipt.get("event_id").stringValue());
				JsonNode sent = JSON.readTree(receipt.get("sent").stringValue());
				assertThat(record).as("record of %s", receipt).isNotNull();
				assertThat(record.partition()).isEqualTo(receipt.get("partition").intValue());
				assertThat(record.offset()).isEqualTo(receipt.get("offset").longValue());
				assertThat(record.key()).isEqualTo(sent.get("unique_id").stringValue());
				assertThat(header(record, "ingested_at")).isEqualTo(receipt.get("ingested_at").stringValue())
					.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
				assertThat(record.timestamp()).isEqualTo(Instant.parse(header(record, "ingested_at")).toEpochMilli());
				assertThat(JSON.readTree(record.value())).isEqualTo(sent);
			}
		}
		finally {
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
				{"index":"12","unique_id":"%s","category":"art","follower_count":437,"downloaded":true}"""
			.formatted(id));
	}

	@Test
	void badRequestsWriteNothingToKafka() {
		String pin = RealPins.first(RealPins.NEWER);
		long before = KafkaTopicReader.endOffsetSum(kafka(), TOPIC);

		assertThat(post("/pin/", "application/json", "{\"index\": 1").statusCode()).isEqualTo(400);
		assertThat(post("/pin/", "application/json", pin + " trailing").statusCode()).isEqualTo(400);
		assertThat(post("/pin/", "application/json", pin.replace("\"index\": 4", "\"index\": -4")).statusCode())
			.isEqualTo(422);
		assertThat(post("/pin/", "application/json", "[" + pin + "]").statusCode()).isEqualTo(422);
		assertThat(post("/pin/", "text/plain", pin).statusCode()).isEqualTo(415);
		assertThat(post("/pin/", "application/json", "{\"title\": \"" + "x".repeat(70_000) + "\"}").statusCode())
			.isEqualTo(413);
		assertThat(post("/pins", "application/json", ("[" + pin + ",").repeat(1)).statusCode()).isEqualTo(400);
		assertThat(post("/pins", "application/json", "[" + (pin + ",").repeat(50) + pin + "]").statusCode())
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

		JsonNode arrayAnswer = JSON.readTree(post("/pins", "application/json", array).body());
		JsonNode linesAnswer = JSON.readTree(post("/pins/", "application/x-ndjson", lines).body());

		assertThat(arrayAnswer.get("accepted").intValue()).isEqualTo(5);
		assertThat(arrayAnswer.get("rejected").intValue()).isEqualTo(1);
		assertThat(arrayAnswer.at("/results/5/errors/0/field").stringValue()).isEqualTo("unique_id");
		assertThat(linesAnswer.get("accepted").intValue()).isEqualTo(3);
		assertThat(linesAnswer.at("/results/3/status").stringValue()).isEqualTo("rejected");

		Map<String, ConsumerRecord<String, byte[]>> records = byEventId(KafkaTopicReader.readAll(kafka(), TOPIC));
		for (int i = 0; i < 5; i++) {
			JsonNode result = arrayAnswer.get("results").get(i);
			ConsumerRecord<String, byte[]> record = records.get(result.get("event_id").stringValue());
			assertThat(result.get("status").stringValue()).isEqualTo("accepted");
			assertThat(record.offset()).isEqualTo(result.get("offset").longValue());
			assertThat(JSON.readTree(record.value())).isEqualTo(JSON.readTree(pins.get(i)));
		}
	}

	@Test
	void theTopicIsCreatedWithTheConfiguredPartitions() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()))) {
			assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()).hasSize(4);
		}
	}

	@Test
	void healthMetricsAndApiDocsAreServed() throws Exception {
		post("/pin", "application/json", RealPins.first(RealPins.NEWER));
		post("/pin", "application/json", "{}");

		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.body()).contains("\"kafka\"", "\"partitions\":4");
		String prometheus = get("/actuator/prometheus").body();
		assertThat(prometheus).contains("pins_accepted_total{endpoint=\"pin\"", "pins_rejected_total{reason=\"invalid_pin\"",
				"pins_produce_latency_seconds_bucket");
		String apiDocs = get("/v3/api-docs").body();
		assertThat(apiDocs).contains("\"/pin\"", "\"/pin/\"", "\"/pins\"", "application/x-ndjson", "Bored Panda",
				"No Title Data Available");
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
				HttpResponse<String> answer = post("/pin/", "application/json",
						"{\"index\": 1, \"unique_id\": \"" + id + "\", \"category\": \"art\"}");
				assertThat(answer.statusCode()).isEqualTo(503);
				assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(answer.body()).contains("urn:pinpipeline:problem:kafka_unavailable");
			}
			String bulkId = UUID.randomUUID().toString();
			sentDuringOutage.add(bulkId);
			HttpResponse<String> bulk = post("/pins", "application/json",
					"[{\"index\": 1, \"unique_id\": \"" + bulkId + "\", \"category\": \"art\"}, {}]");
			assertThat(bulk.statusCode()).isEqualTo(503);
			assertThat(bulk.headers().firstValue("Retry-After")).isPresent();
			assertThat(bulk.body()).contains("\"unavailable\":1", "\"rejected\":1");
			assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
		}
		finally {
			infra.kafka().start();
		}

		String afterId = UUID.randomUUID().toString();
		String pin = "{\"index\": 2, \"unique_id\": \"" + afterId + "\", \"category\": \"art\"}";
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> post("/pin", "application/json", pin).statusCode() == 200);

		Set<String> keys = KafkaTopicReader.readAll(kafka(), TOPIC)
			.stream()
			.map(ConsumerRecord::key)
			.collect(Collectors.toSet());
		assertThat(keys).contains(afterId).doesNotContainAnyElementsOf(sentDuringOutage);
	}

}
