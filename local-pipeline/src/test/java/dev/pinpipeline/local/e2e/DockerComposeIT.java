package dev.pinpipeline.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.local.infra.S3Clients;
import dev.pinpipeline.local.status.ArchiveCounter;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * docker-compose.yml, as a user runs it: every service built and started (the emulator scaled to 0), then N real
 * pins posted to ingest-api, the archive and the streamed rows checked, and the daily batch DAG triggered through
 * Airflow's REST API with its {@code day} param set to the archived day, until the run succeeds and the day's
 * {@code daily_summary} counts the N posts. Needs Docker (skipped without it); compose reads ../.env and publishes its
 * host ports, so nothing else may hold them. docs/testing.md says how to run it.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeIT {

    static final int N = 300;
    static final String DAG_ID = "pin_daily_batch";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Container
    static final ComposeContainer COMPOSE = new ComposeContainer(new File("../docker-compose.yml"))
            .withBuild(true)
            .withRemoveVolumes(true)
            // The test posts its own pins: no emulator.
            .withScaledService("user-emulator", 0)
            .waitingFor("ingest-api", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(15)))
            .waitingFor("batch-consumer", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(15)))
            .waitingFor("spark-streaming", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(15)))
            .waitingFor("airflow-api-server", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(15)))
            .waitingFor("airflow-scheduler", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(15)));

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void postedPinsAreStreamedToPostgresAndTheDailyDagReportsThem() throws Exception {
        List<String> pins = Files.readAllLines(Path.of("../data/real-pins/pins-v2-877.jsonl"))
                .subList(0, N);
        for (String pin : pins) {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:8080/pin/"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(pin))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        }

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> count("select count(*) from pin_events"), n -> n >= N);
        assertThat(count("select count(*) from pin_events")).isEqualTo(N);
        assertThat(count("select count(*) from pins")).isEqualTo(N); // 877 distinct pins in that file

        // The DAG processes a closed day: its sensor waits for the day's _SUCCESS marker, which batch-consumer writes
        // a few minutes after midnight. Close today by hand, and trigger a run whose day param names today (a run
        // without a logical date: it is queued at once, not at the end of a data interval).
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (S3Client s3 = s3()) {
            ArchiveCounter archive = new ArchiveCounter(s3, "pinterestdata", "PinterestTopic");
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(5))
                    .until(archive::count, n -> n >= N);
            assertThat(archive.count()).isEqualTo(N);
            s3.putObject(
                    r -> r.bucket("pinterestdata").key("raw/PinterestTopic/dt=" + today + "/_SUCCESS"),
                    RequestBody.empty());
        }
        String token = airflowToken();
        // The dag-processor parses the DAG some seconds after Airflow is healthy.
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> status("PATCH", "/api/v2/dags/" + DAG_ID, token, "{\"is_paused\": false}") == 200);
        String run = call(
                "POST",
                "/api/v2/dags/" + DAG_ID + "/dagRuns",
                token,
                "{\"logical_date\": null, \"conf\": {\"day\": \"" + today + "\"}}");
        String runId = field(run, "dag_run_id");
        String state = await().atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofSeconds(5))
                .until(
                        () -> field(call("GET", "/api/v2/dags/" + DAG_ID + "/dagRuns/" + runId, token, null), "state"),
                        s -> s.equals("success") || s.equals("failed"));
        assertThat(state).isEqualTo("success");
        assertThat(count("select events from daily_summary where dt = date '" + today + "'"))
                .isEqualTo(N);
    }

    static S3Client s3() {
        return S3Clients.local("http://localhost:9000", "local-identity", "local-credential", "us-east-1");
    }

    static String airflowToken() throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:8088/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"admin\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        return field(answer.body(), "access_token");
    }

    static int status(String method, String path, String token, String body) throws Exception {
        return HTTP.send(request(method, path, token, body).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    static String call(String method, String path, String token, String body) throws Exception {
        HttpResponse<String> answer =
                HTTP.send(request(method, path, token, body).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode())
                .as(method + " " + path + ": " + answer.body())
                .isBetween(200, 299);
        return answer.body();
    }

    static HttpRequest.Builder request(String method, String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:8088" + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/pins", "pins", "pins");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
