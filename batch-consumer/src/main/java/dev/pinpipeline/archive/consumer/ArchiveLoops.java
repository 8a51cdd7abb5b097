package dev.pinpipeline.archive.consumer;

import dev.pinpipeline.archive.ArchiveProperties;
import dev.pinpipeline.archive.gzip.GzipCompression;
import dev.pinpipeline.archive.monitoring.ArchiveMetrics;
import dev.pinpipeline.archive.monitoring.ArchiveStatus;
import dev.pinpipeline.archive.storage.S3ArchiveStore;
import dev.pinpipeline.archive.writer.ObjectKeys;
import dev.pinpipeline.archive.writer.RotationPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Starts {@code archive.consumers} poll loops after the bucket is checked, and stops them on shutdown. */
@Component
class ArchiveLoops implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ArchiveLoops.class);

    private final ArchiveProperties properties;
    private final KafkaProperties kafka;
    private final S3ArchiveStore store;
    private final DeadLetterPublisher deadLetters;
    private final Admin admin;
    private final ArchiveMetrics metrics;
    private final ArchiveStatus status;
    private final Clock clock;
    private final GzipCompression gzip;
    private final List<ArchiveLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    ArchiveLoops(ArchiveProperties properties, KafkaProperties kafka, S3ArchiveStore store,
                 DeadLetterPublisher deadLetters, Admin admin, ArchiveMetrics metrics, ArchiveStatus status,
                 Clock clock, GzipCompression gzip) {
        this.properties = properties;
        this.kafka = kafka;
        this.store = store;
        this.deadLetters = deadLetters;
        this.admin = admin;
        this.metrics = metrics;
        this.status = status;
        this.clock = clock;
        this.gzip = gzip;
    }

    @Override
    public synchronized void start() {
        store.ensureBucket(properties.s3().createBucket());
        createDeadLetterTopic();
        NativeLz4.load();
        RotationPolicy policy = new RotationPolicy(properties.flushRecords(), properties.flushSize().toBytes(),
                properties.idleFlush());
        ObjectKeys keys = new ObjectKeys(properties.s3().prefix());
        Backoff backoff = new Backoff(properties.retryBackoff(), properties.retryMaxBackoff());
        for (int i = 0; i < properties.consumers(); i++) {
            ArchiveLoop loop = new ArchiveLoop(new KafkaConsumer<>(consumerConfig(i)), properties.topic(),
                    properties.pollTimeout(), policy, keys, gzip, backoff, store, deadLetters,
                    metrics, status, clock);
            Thread thread = new Thread(loop, "archive-" + i);
            loops.add(loop);
            threads.add(thread);
            thread.start();
        }
        log.info("Archiving topic {} to s3://{}/{}/ with {} consumer(s) in group {} (files of at most {} records "
                        + "or {}, idle flush {}; gzip: {})", properties.topic(), store.bucket(), properties.s3().prefix(),
                properties.consumers(), properties.groupId(), properties.flushRecords(), properties.flushSize(),
                properties.idleFlush(), gzip);
    }

    private Map<String, Object> consumerConfig(int index) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        Object clientId = config.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "batch-consumer");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + index);
        return config;
    }

    private void createDeadLetterTopic() {
        try {
            admin.createTopics(List.of(new NewTopic(deadLetters.topic(), Optional.empty(), Optional.empty())))
                    .all().get();
            log.info("Created dead-letter topic {}", deadLetters.topic());
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn("Could not create dead-letter topic {}: {}", deadLetters.topic(), e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        loops.forEach(ArchiveLoop::stop);
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
        threads.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !threads.isEmpty();
    }
}
