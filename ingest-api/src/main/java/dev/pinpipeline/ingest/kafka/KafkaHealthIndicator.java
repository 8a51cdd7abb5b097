package dev.pinpipeline.ingest.kafka;

import dev.pinpipeline.ingest.system.IngestProperties;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Kafka as the readiness probe sees it: UP when the pins topic can be described (so the broker answers and the
 * topic exists), DOWN otherwise. Answers within about a second; a timeout is DOWN.
 */
@Component("kafka")
class KafkaHealthIndicator implements HealthIndicator {

    private static final int TIMEOUT_MS = 1000;

    private final Admin admin;

    private final String topic;

    KafkaHealthIndicator(Admin admin, IngestProperties properties) {
        this.admin = admin;
        this.topic = properties.topic();
    }

    @Override
    public Health health() {
        try {
            TopicDescription description = admin.describeTopics(
                            List.of(topic), new DescribeTopicsOptions().timeoutMs(TIMEOUT_MS))
                    .allTopicNames()
                    .get(TIMEOUT_MS + 500, TimeUnit.MILLISECONDS)
                    .get(topic);
            return Health.up()
                    .withDetail("topic", topic)
                    .withDetail("partitions", description.partitions().size())
                    .build();
        } catch (ExecutionException ex) {
            return down(ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return down(ex);
        } catch (java.util.concurrent.TimeoutException ex) {
            return down(ex);
        }
    }

    private Health down(Throwable cause) {
        return Health.down()
                .withDetail("topic", topic)
                .withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage())
                .build();
    }
}
