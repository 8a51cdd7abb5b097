package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BrokerCrashIT extends ArchiveItSupport {

    /**
     * The broker is SIGKILLed under a running archiver while events keep coming (the producer buffers and retries
     * them), then restarted on its data: the archiver notices, resumes from its commits and archives every event once.
     */
    @Test
    void brokerSigkilledUnderTheArchiverLosesAndDoublesNothing() throws Exception {
        int n;
        try (ArchiverProcess archiver = startArchiver("broker-crash", settings("broker-crash", "raw"))
                        .awaitStarted();
                LiveProducer producer = new LiveProducer(events, 60)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> committedRecords("broker-crash") > 0);
            long committedBefore = committedRecords("broker-crash");
            long logBefore = Files.size(archiver.log());
            infra.kafka().kill();
            try {
                // the archiver's Kafka client meets the dead broker
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> Files.readString(archiver.log())
                                .substring((int) logBefore)
                                .contains("could not be established"));
            } finally {
                infra.kafka().start();
            }
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> committedRecords("broker-crash") > committedBefore + 200);
            assertThat(archiver.isAlive())
                    .as("archiver alive after the broker came back, see %s", archiver.log())
                    .isTrue();
            n = producer.stop();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> archive.lines(topicPrefix("raw")).size() >= n);
        }
        assertExactlyOnce(archive.lines(topicPrefix("raw")));
    }
}
