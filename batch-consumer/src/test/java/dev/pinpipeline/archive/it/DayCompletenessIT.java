package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DayCompletenessIT extends ArchiveItSupport {

    /** A closed day relative to the test's start (a fixed date would one day age past a broker's retention). */
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);

    private static final Instant IN_THE_DAY = DAY.atTime(10, 0).toInstant(ZoneOffset.UTC);
    private static final Instant NEXT_DAY = DAY.plusDays(1).atTime(1, 0).toInstant(ZoneOffset.UTC);

    @Test
    void successMarkerAppearsOnlyOnceEveryPartitionHasMovedPastTheDay() throws Exception {
        for (int partition = 0; partition < 3; partition++) {
            for (int hour = 0; hour < 10; hour++) {
                events.send(IN_THE_DAY.plus(Duration.ofHours(hour)), partition);
            }
        }
        events.send(NEXT_DAY, 0); // only partition 0 is past the day
        events.flush();
        Map<String, String> settings = settings("completeness", "raw");
        settings.put("archive.idle-flush", "300s");
        settings.put("archive.completeness.grace", "10m");
        String day = topicPrefix("raw") + "dt=" + DAY + "/";

        try (ArchiverProcess archiver = startArchiver("completeness", settings).awaitStarted()) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() ->
                            archive.objects(day + "hr=19/").keySet().stream().anyMatch(k -> k.contains("+0+")));
            // partition 0's watermark is committed; then several completeness checks run and must not mark the day
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> committedOffsets("completeness").getOrDefault(0, 0L) >= 10);
            double checksBefore = completenessChecks(archiver);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> completenessChecks(archiver) >= checksBefore + 3);
            assertThat(archive.exists(day + "_SUCCESS"))
                    .as("_SUCCESS while partitions 1 and 2 are in the day")
                    .isFalse();

            events.send(NEXT_DAY, 1);
            events.send(NEXT_DAY, 2);
            events.flush();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> archive.exists(day + "_SUCCESS"));
        }

        JsonNode manifest = JsonMapper.builder().build().readTree(archive.text(day + "_SUCCESS"));
        assertThat(manifest.get("date").asString()).isEqualTo(DAY.toString());
        assertThat(manifest.get("records").asLong()).isEqualTo(30);
        assertThat(manifest.get("files").asInt()).isEqualTo(30);
        assertThat(manifest.get("partitions"))
                .hasSize(3)
                .allSatisfy(p -> assertThat(p.get("records").asLong()).isEqualTo(10));
        assertThat(archive.lines(day)).hasSize(30);
        assertThat(archive.exists(topicPrefix("raw") + "dt=" + DAY.plusDays(1) + "/_SUCCESS"))
                .isFalse();
    }

    /**
     * Runs of the scheduled completeness check so far, from Spring's observation of @Scheduled methods in
     * /actuator/prometheus (tasks_scheduled_execution_seconds_count of markCompleteDays).
     */
    private static double completenessChecks(ArchiverProcess archiver) {
        return archiver.get("/actuator/prometheus")
                .lines()
                .filter(line -> line.startsWith("tasks_scheduled_execution_seconds_count{")
                        && line.contains("code_function=\"markCompleteDays\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
