package dev.pinpipeline.archive.monitoring;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN when a poll loop has died or uploads are failing (S3 unreachable: the partitions wait and retry);
 * the details list the partitions this instance owns and those waiting for S3.
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
        boolean healthy = status.failedLoops() == 0 && failing.isEmpty();
        (healthy ? builder.up() : builder.down())
                .withDetail("runningLoops", status.runningLoops())
                .withDetail("failedLoops", status.failedLoops())
                .withDetail("assignedPartitions", status.assignedPartitions().stream().map(Object::toString).sorted().toList())
                .withDetail("failingPartitions", failing)
                .withDetail("lastUploadAt", String.valueOf(status.lastUploadAt()));
    }
}
