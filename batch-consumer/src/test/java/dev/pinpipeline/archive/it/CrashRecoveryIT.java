package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CrashRecoveryIT extends ArchiveItSupport {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);
    private static final Pattern LAG = Pattern.compile("^archive_partition_lag\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    @Test
    void sigkillAtRandomMomentsLosesAndDoublesNothingAndWritesTheSameObjectsAsAnUninterruptedRun() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        log.info("Kill moments from seed {}", seed);
        // Files roll every 50 records; the idle flush, the only roll point that depends on time, must not fire while
        // events flow (a partition quiet that long on a starved machine once rolled a file the other run did not).
        Map<String, String> crashing = settings("crashing", "raw");
        crashing.put("archive.idle-flush", "30s");
        Map<String, String> reference = settings("uninterrupted", "reference");
        reference.put("archive.idle-flush", "30s");

        archive.createBucketIfMissing(); // two archivers start at once
        int n;
        try (ArchiverProcess uninterrupted = startArchiver("uninterrupted", reference);
                LiveProducer producer = new LiveProducer(events, 60)) {
            ArchiverProcess archiver = startArchiver("crashing", crashing).awaitStarted();
            long committedAtLastKill = 0;
            for (int kill = 1; kill <= 3; kill++) {
                awaitCommitsBeyond(archiver, "crashing", committedAtLastKill, "before kill " + kill);
                Thread.sleep(random.nextInt(3000));
                archiver.kill();
                committedAtLastKill = committedRecords("crashing");
                log.info("SIGKILL {} after {} events sent, {} committed", kill, producer.sent(), committedAtLastKill);
                archiver = startArchiver("crashing", crashing).awaitStarted();
            }
            Thread.sleep(2000);
            n = producer.stop();
            try (ArchiverProcess last = archiver) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> archive.lines(topicPrefix("raw")).size() >= n
                                && archive.lines(topicPrefix("reference")).size() >= n);
            }
        }

        assertThat(n).isGreaterThan(100);
        assertExactlyOnce(archive.lines(topicPrefix("raw")));
        assertExactlyOnce(archive.lines(topicPrefix("reference")));
        assertSameObjects("raw", "reference");
    }

    /**
     * The broker is frozen (SIGSTOP) once the archiver has read every record and before its idle flush: the flush
     * uploads, the commit that follows cannot reach the broker, and the archiver is SIGKILLed then. The broker is
     * SIGKILLed too, so that a commit request already in its socket buffer is never read, and restarted on its data.
     */
    @Test
    void aKillBetweenAnUploadAndItsCommitRewritesTheSameObjectsAndDoublesNothing() throws Exception {
        int perPartition = 40;
        for (int partition = 0; partition < partitions(); partition++) {
            for (int i = 0; i < perPartition; i++) {
                events.send(Instant.now(), partition);
            }
        }
        events.flush();
        int n = perPartition * partitions();
        Map<String, String> reference = oneFilePerPartition(settings("between-reference", "reference"));
        try (ArchiverProcess uninterrupted =
                startArchiver("between-reference", reference).awaitStarted()) {
            awaitCommitted(uninterrupted, "between-reference", n);
        }

        Map<String, String> crashing = oneFilePerPartition(settings("between", "raw"));
        Map<String, byte[]> uploadedUncommitted;
        try (ArchiverProcess archiver = startArchiver("between", crashing).awaitStarted()) {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> readEverything(archiver.get("/actuator/prometheus")) || !archiver.isAlive());
            assertThat(archiver.isAlive())
                    .as("archiver alive, see %s", archiver.log())
                    .isTrue();
            long broker = infra.kafka().pid();
            Signals.stop(broker);
            try {
                assertThat(archive.objects(topicPrefix("raw")))
                        .as("nothing uploaded before the broker froze")
                        .isEmpty();
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> !archive.objects(topicPrefix("raw")).isEmpty());
                archiver.kill();
            } finally {
                infra.kafka().kill(); // a stopped process takes SIGKILL
            }
            infra.kafka().start();
            uploadedUncommitted = archive.objects(topicPrefix("raw"));
        }
        log.info("Uploaded, not committed, when the archiver was killed: {}", uploadedUncommitted.keySet());
        assertThat(committedOffsets("between"))
                .as("no commit of the uploaded %s", uploadedUncommitted.keySet())
                .isEmpty();

        try (ArchiverProcess restarted = startArchiver("between", crashing).awaitStarted()) {
            awaitCommitted(restarted, "between", n);
        }
        assertExactlyOnce(archive.lines(topicPrefix("raw")));
        assertSameObjects("raw", "reference");
        uploadedUncommitted.forEach(
                (key, bytes) -> assertThat(archive.objects(key).get(key))
                        .as("%s rewritten with the same bytes", key)
                        .isEqualTo(bytes));
    }

    /**
     * Everything read and buffered gives one file per partition, written by the idle flush 10 s after the last read:
     * the time the test has to freeze the broker in between.
     */
    private static Map<String, String> oneFilePerPartition(Map<String, String> settings) {
        settings.put("archive.flush-records", "1000");
        settings.put("archive.idle-flush", "10s");
        return settings;
    }

    /** True when the archiver reports a lag of 0 on each of the topic's partitions: it has read all Kafka holds. */
    private boolean readEverything(String prometheus) {
        Matcher lag = LAG.matcher(prometheus);
        int caughtUp = 0;
        while (lag.find()) {
            if (lag.group(1).contains("topic=\"" + topic + "\"") && Double.parseDouble(lag.group(2)) == 0) {
                caughtUp++;
            }
        }
        return caughtUp == partitions();
    }

    private void awaitCommitsBeyond(ArchiverProcess archiver, String group, long committed, String when)
            throws Exception {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> committedRecords(group) > committed || !archiver.isAlive());
        assertThat(archiver.isAlive())
                .as("archiver alive %s; its log %s:%n%s", when, archiver.log(), Files.readString(archiver.log()))
                .isTrue();
    }

    private void awaitCommitted(ArchiverProcess archiver, String group, long records) throws Exception {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> committedRecords(group) >= records || !archiver.isAlive());
        assertThat(committedRecords(group))
                .as("committed by %s, see %s", group, archiver.log())
                .isEqualTo(records);
    }
}
