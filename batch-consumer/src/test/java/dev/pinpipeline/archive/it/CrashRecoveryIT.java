package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CrashRecoveryIT extends ArchiveItSupport {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);

    @Test
    void sigkillAtRandomMomentsLosesAndDoublesNothingAndWritesTheSameObjectsAsAnUninterruptedRun() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        log.info("Kill moments from seed {}", seed);
        Map<String, String> crashing = settings("crashing", "raw");
        crashing.put("archive.idle-flush", "10s");
        Map<String, String> reference = settings("uninterrupted", "reference");
        reference.put("archive.idle-flush", "10s");

        int n;
        try (ArchiverProcess uninterrupted = startArchiver("uninterrupted", reference);
             LiveProducer producer = new LiveProducer(events, 60)) {
            ArchiverProcess archiver = startArchiver("crashing", crashing).awaitStarted();
            for (int kill = 1; kill <= 3; kill++) {
                Thread.sleep(1000 + random.nextInt(5000));
                archiver.kill();
                log.info("SIGKILL {} after {} events sent", kill, producer.sent());
                archiver = startArchiver("crashing", crashing).awaitStarted();
            }
            Thread.sleep(2000);
            n = producer.stop();
            try (ArchiverProcess last = archiver) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> archive.lines(topicPrefix("raw")).size() >= n
                                && archive.lines(topicPrefix("reference")).size() >= n);
            }
        }

        assertThat(n).isGreaterThan(100);
        assertExactlyOnce(archive.lines(topicPrefix("raw")));
        assertExactlyOnce(archive.lines(topicPrefix("reference")));
        Map<String, byte[]> afterCrashes = relative(archive.objects(topicPrefix("raw")), "raw/");
        Map<String, byte[]> withoutCrashes = relative(archive.objects(topicPrefix("reference")), "reference/");
        assertThat(afterCrashes.keySet()).containsExactlyElementsOf(withoutCrashes.keySet());
        afterCrashes.forEach((key, bytes) -> assertThat(bytes).as(key).isEqualTo(withoutCrashes.get(key)));
    }

    private static Map<String, byte[]> relative(Map<String, byte[]> objects, String prefix) {
        Map<String, byte[]> relative = new TreeMap<>();
        objects.forEach((key, bytes) -> relative.put(key.substring(prefix.length()), bytes));
        return relative;
    }
}
