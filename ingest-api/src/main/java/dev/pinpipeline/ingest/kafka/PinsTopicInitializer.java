package dev.pinpipeline.ingest.kafka;

import dev.pinpipeline.ingest.system.IngestProperties;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the pins topic at start when it is missing, with the configured partition count. An existing topic is
 * left as it is (adding partitions would move keys to other partitions). When Kafka is not reachable the service
 * still starts (readiness says DOWN) and the creation is retried in the background until it succeeds.
 */
@Component
class PinsTopicInitializer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PinsTopicInitializer.class);

    private static final long RETRY_SECONDS = 5;

    private final Admin admin;

    private final IngestProperties properties;

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pins-topic-initializer");
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean running;

    PinsTopicInitializer(Admin admin, IngestProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createTopicWhenReady() {
        retries.execute(this::createTopic);
    }

    private void createTopic() {
        NewTopic topic = new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor());
        int timeoutMs = (int) Math.max(1000, properties.produceTimeout().toMillis());
        try {
            admin.createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(timeoutMs))
                    .all()
                    .get();
            log.info(
                    "Created topic {} with {} partitions (replication factor {})",
                    topic.name(),
                    topic.numPartitions(),
                    topic.replicationFactor());
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof TopicExistsException) {
                log.info("Topic {} exists: leaving it as it is", topic.name());
            } else {
                retryLater(topic, ex.getCause());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void retryLater(NewTopic topic, Throwable cause) {
        if (!running) {
            return;
        }
        log.warn(
                "Cannot create topic {} yet ({}: {}); retrying in {} s",
                topic.name(),
                cause.getClass().getSimpleName(),
                cause.getMessage(),
                RETRY_SECONDS);
        retries.schedule(this::createTopic, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
