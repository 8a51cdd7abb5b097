package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every metric the Grafana dashboard (monitoring/grafana/dashboards/pipeline.json) queries from the batch-consumer
 * job is in the running archiver's /actuator/prometheus, once it has archived real events.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DashboardMetricsIT extends ArchiveItSupport {

    static final Path DASHBOARD = Path.of("../monitoring/grafana/dashboards/pipeline.json");

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        int n = 100;
        for (int i = 0; i < n; i++) {
            events.send();
        }
        events.flush();
        Set<String> queried = dashboardMetrics("batch-consumer");
        assertThat(queried)
                .contains("archive_partition_lag", "archive_files_written_total", "archive_bytes_written_total");

        try (ArchiverProcess archiver = startArchiver("dashboard", settings("dashboard", "raw"))) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> archive.lines(topicPrefix("raw")).size() >= n);
            // The per-file and per-partition meters appear with the first file and the first assignment.
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(exposed(archiver.get("/actuator/prometheus")))
                            .containsAll(queried));
        }
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
}
