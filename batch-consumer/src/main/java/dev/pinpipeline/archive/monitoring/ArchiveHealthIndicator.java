package dev.pinpipeline.archive.monitoring;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN when a poll loop has died, uploads are failing (S3 unreachable: the partitions wait and retry) or the loops
 * wait for S3 to answer the start-up bucket check; the details list the partitions this instance owns and those
 * waiting for S3.
 */
@Component("archive")
class ArchiveHealthIndicator extends AbstractHealthIndicator {

    private final ArchiveStatus status;

    ArchiveHealthIndicator(ArchiveStatus status) {
        this.status = status;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, String> failing = new TreeMap<>();
        status.failingPartitions().forEach((tp, error) -> failing.put(tp.toString(), error));
        String s3Problem = status.s3Problem();
        boolean healthy = status.failedLoops() == 0 && failing.isEmpty() && s3Problem == null;
        if (s3Problem != null) {
            builder.withDetail("s3", s3Problem);
        }
        (healthy ? builder.up() : builder.down())
                .withDetail("runningLoops", status.runningLoops())
                .withDetail("failedLoops", status.failedLoops())
                .withDetail(
                        "assignedPartitions",
                        status.assignedPartitions().stream()
                                .map(Object::toString)
                                .sorted()
                                .toList())
                .withDetail("failingPartitions", failing)
                .withDetail("lastUploadAt", String.valueOf(status.lastUploadAt()));
    }
}
