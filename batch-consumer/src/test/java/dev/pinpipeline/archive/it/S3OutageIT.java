package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.MINUTES)
class S3OutageIT extends ArchiveItSupport {

    @Test
    void s3SigkilledMidRunLosesAndDoublesNothingAndCommitsNothingWhileDown() throws Exception {
        int n;
        try (ArchiverProcess archiver =
                        startArchiver("s3-outage", settings("s3-outage", "raw")).awaitStarted();
                LiveProducer producer = new LiveProducer(events, 60)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> committedRecords("s3-outage") > 0);
            infra.s3().kill();
            try {
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> archiver.get("/actuator/health").contains("\"status\":\"DOWN\""));
                // Events keep arriving; once uploads in flight at the kill have settled, nothing more is committed.
                awaitSent(producer, 120);
                long committedWhileDown = committedRecords("s3-outage");
                awaitSent(producer, 240);
                assertThat(committedRecords("s3-outage"))
                        .as("commits while S3 is down")
                        .isEqualTo(committedWhileDown);
            } finally {
                infra.s3().start();
            }
            long committedAtRestart = committedRecords("s3-outage");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> committedRecords("s3-outage") > committedAtRestart);
            n = producer.stop();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> archive.lines(topicPrefix("raw")).size() >= n);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> archiver.get("/actuator/health").contains("\"status\":\"UP\""));
        }
        assertExactlyOnce(archive.lines(topicPrefix("raw")));
    }

    private static void awaitSent(LiveProducer producer, int more) {
        int target = producer.sent() + more;
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> producer.sent() >= target);
    }

    @Test
    void startedWhileS3IsDownItWaitsWithHealthDownAndArchivesEverythingOnceS3IsBack() throws Exception {
        int n = 200;
        for (int i = 0; i < n; i++) {
            events.send();
        }
        events.flush();
        // a bucket that does not exist yet: it is created once S3 answers
        String bucket = "archive-it-late-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = settings("s3-down-at-start", "raw");
        settings.put("archive.s3.bucket", bucket);

        infra.s3().stop();
        try (ArchiverProcess archiver = startArchiver("s3-down-at-start", settings);
                ArchiveContents late = new ArchiveContents(
                        infra.s3().endpoint(),
                        infra.s3().accessKey(),
                        infra.s3().secretKey(),
                        bucket)) {
            try {
                archiver.awaitStarted();
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> archiver.get("/actuator/health").contains("\"s3\":"));
                assertThat(archiver.get("/actuator/health")).contains("\"status\":\"DOWN\"");
                // several checks failed (each logged), and the archiver waits rather than exits
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> !archiver.isAlive()
                                || Files.readString(archiver.log())
                                        .contains("S3 does not answer the check of bucket " + bucket + " (attempt 4)"));
                assertThat(archiver.isAlive())
                        .as("archiver alive while S3 is down")
                        .isTrue();
            } finally {
                infra.s3().start();
            }
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> late.lines(topicPrefix("raw")).size() >= n);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> archiver.get("/actuator/health").contains("\"status\":\"UP\""));
            assertExactlyOnce(late.lines(topicPrefix("raw")));
            String log = Files.readString(archiver.log());
            assertThat(log)
                    .contains("S3 does not answer the check of bucket " + bucket + " (attempt 2)")
                    .as("no stack trace for an expected condition")
                    .doesNotContain("\tat ");
        }
    }
}
