package dev.pinpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every metric the Grafana dashboard (monitoring/grafana/dashboards/pipeline.json) queries from the ingest-api job is
 * in the running service's /actuator/prometheus, after a real pin went through to Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ingest.partitions=2")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DashboardMetricsIT {

    static final Path DASHBOARD = Path.of("../monitoring/grafana/dashboards/pipeline.json");

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA);

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> infra.kafka().bootstrapServers());
        registry.add("ingest.topic", () -> "pins-dashboard-" + UUID.randomUUID());
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/actuator/health/readiness").statusCode() == 200);
        HttpResponse<String> posted = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pin"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(15))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                RealPins.lines(RealPins.NEWER).get(0)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

        Set<String> queried = dashboardMetrics("ingest-api");
        assertThat(queried).contains("pins_accepted_total", "pins_rejected_total");
        assertThat(exposed(get("/actuator/prometheus").body())).containsAll(queried);
    }

    /** The metric names the dashboard selects with job="…" (each selector is written name{job="…", …}). */
    static Set<String> dashboardMetrics(String job) throws IOException {
        return Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{job=\\\\\"" + Pattern.quote(job) + "\\\\\"")
                .matcher(Files.readString(DASHBOARD))
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The sample names of a Prometheus text exposition. */
    static Set<String> exposed(String scrape) {
        return scrape.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
