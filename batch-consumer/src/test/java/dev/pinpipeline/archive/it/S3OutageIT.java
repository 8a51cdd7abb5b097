package dev.pinpipeline.archive.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class S3OutageIT extends ArchiveItSupport {

    @Test
    void s3DownFor20SecondsMidRunLosesNothing() throws Exception {
        int n;
        try (ArchiverProcess archiver = startArchiver("s3-outage", settings("s3-outage", "raw")).awaitStarted();
             LiveProducer producer = new LiveProducer(events, 60)) {
            Thread.sleep(3000);
            infra.s3().stop();
            try {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                        .until(() -> archiver.get("/actuator/health").contains("\"status\":\"DOWN\""));
                Thread.sleep(20_000);
            } finally {
                infra.s3().start();
            }
            Thread.sleep(3000);
            n = producer.stop();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> archive.lines(topicPrefix("raw")).size() >= n);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> archiver.get("/actuator/health").contains("\"status\":\"UP\""));
        }
        assertExactlyOnce(archive.lines(topicPrefix("raw")));
    }
}
