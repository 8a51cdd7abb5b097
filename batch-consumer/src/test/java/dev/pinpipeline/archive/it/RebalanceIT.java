package dev.pinpipeline.archive.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RebalanceIT extends ArchiveItSupport {

    @Override
    int partitions() {
        return 4;
    }

    @Test
    void twoInstancesShareThePartitionsAndARebalanceLosesAndDoublesNothing() throws Exception {
        int n;
        try (LiveProducer producer = new LiveProducer(events, 60);
             ArchiverProcess first = startArchiver("rebalance-a", settings("shared", "raw")).awaitStarted()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.assignedPartitions() == 4);
            try (ArchiverProcess second = startArchiver("rebalance-b", settings("shared", "raw")).awaitStarted()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> first.assignedPartitions() > 0 && second.assignedPartitions() > 0
                                && first.assignedPartitions() + second.assignedPartitions() == 4);
                Thread.sleep(4000);
                first.stop(); // leaves the group: the second instance takes all four partitions
                await().atMost(Duration.ofSeconds(60)).until(() -> second.assignedPartitions() == 4);
                Thread.sleep(3000);
                n = producer.stop();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> archive.lines(topicPrefix("raw")).size() >= n);
            }
        }
        assertExactlyOnce(archive.lines(topicPrefix("raw")));
    }
}
