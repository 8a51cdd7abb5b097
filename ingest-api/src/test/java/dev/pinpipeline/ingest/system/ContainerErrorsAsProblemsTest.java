package dev.pinpipeline.ingest.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat turns away before the service sees it is answered with a problem body too, not Tomcat's HTML page:
 * real HTTP requests to the running server (no Kafka needed, nothing is produced).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=127.0.0.1:1")
@Timeout(60)
class ContainerErrorsAsProblemsTest {

    private static final String PIN = """
			{"index": 1, "unique_id": "fbe53c66-3442-4773-b19e-d3ec6f54dddf", "category": "art"}""";

    @LocalServerPort
    private int port;

    @Test
    void aTenKilobyteIdempotencyKeyIsAProblemNotAnHtmlPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pin/"))
                                .timeout(Duration.ofSeconds(15))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "k".repeat(10 * 1024))
                                .POST(HttpRequest.BodyPublishers.ofString(PIN))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = new JsonMapper().readTree(response.body());
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:pinpipeline:problem:unreadable_request");
        assertThat(problem.get("status").intValue()).isEqualTo(400);
        assertThat(problem.get("detail").stringValue()).contains("8192 bytes", "Idempotency-Key");
    }

    @Test
    void aMalformedHeaderLineIsAProblemNotAnHtmlPage() throws Exception {
        String request = "POST /pin/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "a header line without a colon\r\nContent-Length: " + PIN.length() + "\r\n\r\n" + PIN;
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response)
                .startsWith("HTTP/1.1 400")
                .containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"type\":\"urn:pinpipeline:problem:unreadable_request\"")
                .doesNotContain("<html");
    }
}
