package dev.pinpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioned Grafana dashboard (monitoring/grafana) against what feeds it: every Prometheus query names a job
 * Prometheus scrapes, every data source is provisioned, every SQL table exists in the migrations. That the services
 * really expose each metric a panel queries is proven by DashboardMetricsIT in ingest-api and batch-consumer, which
 * scrape the running services' /actuator/prometheus.
 */
class DashboardTest {

    static final Path MONITORING = Compose.ROOT.resolve("monitoring");
    static final Path DASHBOARD = MONITORING.resolve("grafana/dashboards/pipeline.json");
    /** A metric selector as the dashboard writes them all: name{job="…", …}. */
    static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{job=\"([a-z0-9-]+)\"");

    static JsonNode dashboard;
    static List<JsonNode> targets = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        dashboard = JsonMapper.shared().readTree(Files.readString(DASHBOARD));
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(targets::add));
    }

    @Test
    void thePanelsShowWhatThePipelinesOperatorsWatch() {
        List<String> titles = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> titles.add(panel.get("title").asString()));
        assertThat(titles)
                .contains(
                        "Ingest rate",
                        "Ingest rejects",
                        "Kafka lag per partition: archiver",
                        "Kafka lag per partition: streaming job",
                        "Archive files written",
                        "Archive bytes written",
                        "Streaming ack → row latency",
                        "Streaming rows written",
                        "Last daily batch");
    }

    @Test
    void everyDataSourceIsProvisioned() throws IOException {
        Set<String> provisioned = new TreeSet<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sources = (List<Map<String, Object>>)
                Compose.parse(Files.readString(MONITORING.resolve("grafana/provisioning/datasources/datasources.yml")))
                        .get("datasources");
        sources.forEach(source -> provisioned.add(source.get("type") + "/" + source.get("uid")));

        dashboard.get("panels").forEach(panel -> assertThat(provisioned).contains(uid(panel.get("datasource"))));
        targets.forEach(target -> assertThat(provisioned).contains(uid(target.get("datasource"))));
    }

    @Test
    void everyPrometheusQuerySelectsMetricsOfAScrapedJob() throws IOException {
        Set<String> jobs = scrapedJobs();
        List<JsonNode> prometheus = targets.stream().filter(t -> t.has("expr")).toList();
        assertThat(prometheus).hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode target : prometheus) {
            String expr = target.get("expr").asString();
            long braces = expr.chars().filter(c -> c == '{').count();
            List<MatchResult> selectors = selectors(expr);
            assertThat(selectors)
                    .as("every selector of %s starts with job=\"…\"", expr)
                    .hasSize((int) braces);
            selectors.forEach(s -> assertThat(jobs).as(expr).contains(s.job()));
        }
    }

    @Test
    void everyJobWithPanelsHasAnIntegrationTestScrapingItsMetrics() {
        Set<String> queried = new TreeSet<>();
        targets.stream()
                .filter(t -> t.has("expr"))
                .forEach(t -> selectors(t.get("expr").asString()).forEach(s -> queried.add(s.job())));
        assertThat(queried).containsExactly("batch-consumer", "ingest-api");
        assertThat(Compose.ROOT.resolve("ingest-api/src/test/java/dev/pinpipeline/ingest/DashboardMetricsIT.java"))
                .exists();
        assertThat(Compose.ROOT.resolve(
                        "batch-consumer/src/test/java/dev/pinpipeline/archive/it/DashboardMetricsIT.java"))
                .exists();
    }

    @Test
    void theScrapedJobsAreComposeServicesOnTheirActuatorPorts() throws IOException {
        Compose compose = Compose.load();
        for (Map<String, Object> job : scrapeConfigs()) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            @SuppressWarnings("unchecked")
            Map<String, Object> dns = ((List<Map<String, Object>>) job.get("dns_sd_configs")).get(0);
            String service = Compose.strings(dns.get("names")).get(0);
            assertThat(service).isEqualTo(job.get("job_name"));
            assertThat(Compose.environment(compose.service(service)))
                    .containsEntry("SERVER_PORT", String.valueOf(dns.get("port")));
        }
    }

    @Test
    void everySqlPanelReadsTablesAndTimestampsTheMigrationsCreate() throws IOException {
        String migrations = migrations();
        List<JsonNode> sql = targets.stream().filter(t -> t.has("rawSql")).toList();
        assertThat(sql).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode target : sql) {
            String query = target.get("rawSql").asString();
            Matcher table = Pattern.compile("(?m)^FROM ([a-z_]+)").matcher(query); // not extract(epoch FROM …)
            assertThat(table.find()).as(query).isTrue();
            do {
                assertThat(migrations)
                        .as(query)
                        .containsPattern("CREATE TABLE (IF NOT EXISTS )?" + table.group(1) + " \\(");
            } while (table.find());
            Pattern.compile("\\b[a-z_]+_at\\b")
                    .matcher(query)
                    .results()
                    .map(m -> m.group())
                    .forEach(column ->
                            assertThat(migrations).as(query).containsPattern("\\b" + column + "\\s+timestamptz"));
        }
    }

    record MatchResult(String metric, String job) {}

    static List<MatchResult> selectors(String expr) {
        return SELECTOR.matcher(expr)
                .results()
                .map(m -> new MatchResult(m.group(1), m.group(2)))
                .toList();
    }

    private static String uid(JsonNode datasource) {
        return datasource.get("type").asString() + "/" + datasource.get("uid").asString();
    }

    private static Set<String> scrapedJobs() throws IOException {
        Set<String> jobs = new TreeSet<>();
        scrapeConfigs().forEach(job -> jobs.add(String.valueOf(job.get("job_name"))));
        return jobs;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> scrapeConfigs() throws IOException {
        return (List<Map<String, Object>>)
                Compose.parse(Files.readString(MONITORING.resolve("prometheus/prometheus.yml")))
                        .get("scrape_configs");
    }

    private static String migrations() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String dir : List.of("pipeline-schema/src/main/resources/db/migration")) {
            try (var files = Files.list(Compose.ROOT.resolve(dir))) {
                for (Path file : files.sorted().toList()) {
                    all.append(Files.readString(file)).append('\n');
                }
            }
        }
        return all.toString();
    }
}
