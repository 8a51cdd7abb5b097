package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DayCompletenessIT extends ArchiveItSupport {

    private static final Instant JAN_10 = Instant.parse("2026-01-10T10:00:00Z");
    private static final Instant JAN_11 = Instant.parse("2026-01-11T01:00:00Z");

    @Test
    void successMarkerAppearsOnlyOnceEveryPartitionHasMovedPastTheDay() throws Exception {
        for (int partition = 0; partition < 3; partition++) {
            for (int hour = 0; hour < 10; hour++) {
                events.send(JAN_10.plus(Duration.ofHours(hour)), partition);
            }
        }
        events.send(JAN_11, 0); // only partition 0 is past the day
        events.flush();
        Map<String, String> settings = settings("completeness", "raw");
        settings.put("archive.idle-flush", "300s");
        settings.put("archive.completeness.grace", "10m");
        String day = topicPrefix("raw") + "dt=2026-01-10/";

        try (ArchiverProcess archiver = startArchiver("completeness", settings).awaitStarted()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> archive.objects(day + "hr=19/").keySet().stream().anyMatch(k -> k.contains("+0+")));
            Thread.sleep(4000); // several completeness checks
            assertThat(archive.exists(day + "_SUCCESS")).as("_SUCCESS while partitions 1 and 2 are in the day").isFalse();

            events.send(JAN_11, 1);
            events.send(JAN_11, 2);
            events.flush();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> archive.exists(day + "_SUCCESS"));
        }

        JsonNode manifest = JsonMapper.builder().build().readTree(archive.text(day + "_SUCCESS"));
        assertThat(manifest.get("date").asString()).isEqualTo("2026-01-10");
        assertThat(manifest.get("records").asLong()).isEqualTo(30);
        assertThat(manifest.get("files").asInt()).isEqualTo(30);
        assertThat(manifest.get("partitions")).hasSize(3)
                .allSatisfy(p -> assertThat(p.get("records").asLong()).isEqualTo(10));
        assertThat(archive.lines(day)).hasSize(30);
        assertThat(archive.exists(topicPrefix("raw") + "dt=2026-01-11/_SUCCESS")).isFalse();
    }
}
