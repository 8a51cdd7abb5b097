package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ArchiveIT extends ArchiveItSupport {

    @Test
    void archivesEveryEventExactlyOnceAndSendsThePoisonRecordToTheDeadLetterTopic() throws Exception {
        int n = 1000;
        for (int i = 0; i < n / 2; i++) {
            events.send();
        }
        events.sendPoison(1, "this is not json");
        for (int i = n / 2; i < n; i++) {
            events.send();
        }
        events.flush();

        try (ArchiverProcess archiver = startArchiver("archive", settings("archive", "raw"))) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> archive.lines(topicPrefix("raw")).size() >= n);
            assertExactlyOnce(archive.lines(topicPrefix("raw")));

            List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(topic + ".dlq", 1);
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
                assertThat(header(record, DeadLetter.REASON)).startsWith("value is not valid JSON");
                assertThat(header(record, DeadLetter.SOURCE_PARTITION)).isEqualTo("1");
            });

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> archiver.get("/actuator/prometheus").contains("archive_records_written_total"));
            String metrics = archiver.get("/actuator/prometheus");
            assertThat(metrics)
                    .contains("archive_records_written_total{topic=\"" + topic + "\"} " + n + ".0")
                    .contains("archive_records_dead_lettered_total{topic=\"" + topic + "\"} 1.0")
                    .contains("archive_partition_committed_offset{partition=\"1\"")
                    .contains("archive_partition_lag{partition=\"0\"")
                    .contains("archive_upload_latency_seconds_count");
            assertThat(archiver.get("/actuator/health"))
                    .contains("\"status\":\"UP\"")
                    .contains("assignedPartitions");
            assertThat(archiver.get("/actuator/info"))
                    .contains("\"topic\":\"" + topic + "\"")
                    .containsPattern("\"gzip\":\"(libdeflate|java.util.zip)[^\"]*, level 1");
        }
    }
}
