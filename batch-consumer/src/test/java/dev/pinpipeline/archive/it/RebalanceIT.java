package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RebalanceIT extends ArchiveItSupport {

    @Override
    int partitions() {
        return 4;
    }

    /**
     * Two instances share the partitions; one is SIGKILLed (it never leaves the group: the other takes its
     * partitions once its session expires). The archive equals an uninterrupted instance's byte for byte: every
     * instance uses the JDK's zlib, as a file rebuilt by another gzip library has other bytes.
     */
    @Test
    void anInstanceSigkilledMidStreamLosesAndDoublesNothingAndTheArchiveEqualsAnUninterruptedRun() throws Exception {
        Map<String, String> shared = sameBytes(settings("shared", "raw"));
        Map<String, String> reference = sameBytes(settings("rebalance-reference", "reference"));
        archive.createBucketIfMissing(); // two archivers start at once
        int n;
        try (LiveProducer producer = new LiveProducer(events, 60);
                ArchiverProcess uninterrupted = startArchiver("rebalance-reference", reference);
                ArchiverProcess first = startArchiver("rebalance-a", shared).awaitStarted()) {
            await().atMost(Duration.ofSeconds(120)).until(() -> first.assignedPartitions() == 4);
            try (ArchiverProcess second = startArchiver("rebalance-b", shared).awaitStarted()) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> first.assignedPartitions() > 0
                                && second.assignedPartitions() > 0
                                && first.assignedPartitions() + second.assignedPartitions() == 4);
                Map<Integer, Long> atSplit = committedOffsets("shared");
                // both instances archive: every partition commits beyond where it was when they split the work
                awaitEveryPartitionBeyond(atSplit);
                assertThat(first.isAlive())
                        .as("first instance alive before the kill, see %s", first.log())
                        .isTrue();
                first.kill(); // SIGKILL: no leave-group, no commit of what it buffered
                Map<Integer, Long> atKill = committedOffsets("shared");
                await().atMost(Duration.ofSeconds(120)).until(() -> second.assignedPartitions() == 4);
                awaitEveryPartitionBeyond(atKill);
                n = producer.stop();
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> archive.lines(topicPrefix("raw")).size() >= n
                                && archive.lines(topicPrefix("reference")).size() >= n);
            }
        }
        assertExactlyOnce(archive.lines(topicPrefix("raw")));
        assertExactlyOnce(archive.lines(topicPrefix("reference")));
        assertSameObjects("raw", "reference");
    }

    /** The JDK's zlib everywhere, and an idle flush longer than a partition's gap between records at 60 events/s. */
    private static Map<String, String> sameBytes(Map<String, String> settings) {
        settings.put("archive.gzip-library", "jdk");
        settings.put("archive.idle-flush", "10s");
        return settings;
    }

    private void awaitEveryPartitionBeyond(Map<Integer, Long> offsets) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    Map<Integer, Long> now = committedOffsets("shared");
                    for (int partition = 0; partition < partitions(); partition++) {
                        if (now.getOrDefault(partition, -1L) <= offsets.getOrDefault(partition, -1L)) {
                            return false;
                        }
                    }
                    return true;
                });
    }
}
