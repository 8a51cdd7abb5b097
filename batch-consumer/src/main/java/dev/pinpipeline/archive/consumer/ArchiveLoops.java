package dev.pinpipeline.archive.consumer;

import dev.pinpipeline.archive.ArchiveProperties;
import dev.pinpipeline.archive.gzip.GzipCompression;
import dev.pinpipeline.archive.monitoring.ArchiveMetrics;
import dev.pinpipeline.archive.monitoring.ArchiveStatus;
import dev.pinpipeline.archive.storage.S3ArchiveStore;
import dev.pinpipeline.archive.writer.ObjectKeys;
import dev.pinpipeline.archive.writer.RotationPolicy;
import dev.pinpipeline.retry.Backoff;
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
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Starts {@code archive.consumers} poll loops after the bucket is checked, and stops them on shutdown. While S3
 * does not answer the check, it is retried on a thread of its own with the uploads' backoff (health DOWN
 * meanwhile) and the loops start once it succeeds. An error that retrying does not fix (access denied, a missing
 * bucket it may not create) fails the start; met on a later attempt, it is logged as an error and health stays DOWN.
 */
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
    private final Backoff backoff;
    private final List<ArchiveLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private Thread starter;

    ArchiveLoops(
            ArchiveProperties properties,
            KafkaProperties kafka,
            S3ArchiveStore store,
            DeadLetterPublisher deadLetters,
            Admin admin,
            ArchiveMetrics metrics,
            ArchiveStatus status,
            Clock clock,
            GzipCompression gzip) {
        this.properties = properties;
        this.kafka = kafka;
        this.store = store;
        this.deadLetters = deadLetters;
        this.admin = admin;
        this.metrics = metrics;
        this.status = status;
        this.clock = clock;
        this.gzip = gzip;
        this.backoff = new Backoff(properties.retryBackoff(), properties.retryMaxBackoff());
    }

    @Override
    public synchronized void start() {
        running = true;
        if (bucketReady(1)) {
            startLoops();
        } else {
            starter = new Thread(this::startOnceS3Answers, "archive-start");
            starter.setDaemon(true);
            starter.start();
        }
    }

    private void startOnceS3Answers() {
        try {
            int failures = 1;
            do {
                Thread.sleep(backoff.delay(failures).toMillis());
            } while (running && !bucketReady(++failures));
        } catch (InterruptedException e) {
            return; // stopped while waiting
        } catch (RuntimeException e) {
            log.error(
                    "Not archiving: the check of bucket {} failed with an error that retrying does not fix: {}",
                    store.bucket(),
                    e.toString());
            status.s3Unavailable("bucket check failed, not retried: " + e);
            return;
        }
        synchronized (this) {
            if (running) {
                startLoops();
            }
        }
    }

    /**
     * Checks the bucket (creates it when allowed). False when S3 did not answer, or failed on its side: logged in
     * one line, health DOWN. Throws any other error.
     */
    private boolean bucketReady(int attempt) {
        try {
            store.ensureBucket(properties.s3().createBucket());
        } catch (SdkException e) {
            if (!S3ArchiveStore.isRetriable(e)) {
                throw e;
            }
            log.warn(
                    "S3 does not answer the check of bucket {} (attempt {}), retrying in {} ms: {}",
                    store.bucket(),
                    attempt,
                    backoff.delay(attempt).toMillis(),
                    e.toString());
            status.s3Unavailable(e.toString());
            return false;
        }
        status.s3Available();
        return true;
    }

    private void startLoops() {
        createDeadLetterTopic();
        NativeLz4.load();
        RotationPolicy policy = new RotationPolicy(
                properties.flushRecords(), properties.flushSize().toBytes(), properties.idleFlush());
        ObjectKeys keys = new ObjectKeys(properties.s3().prefix());
        for (int i = 0; i < properties.consumers(); i++) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(i));
            UploadCommitter committer =
                    new UploadCommitter(consumer, store, deadLetters, backoff, metrics, status, clock);
            ArchiveLoop loop = new ArchiveLoop(
                    consumer,
                    properties.topic(),
                    properties.pollTimeout(),
                    policy,
                    keys,
                    gzip,
                    committer,
                    metrics,
                    status,
                    clock);
            Thread thread = new Thread(loop, "archive-" + i);
            loops.add(loop);
            threads.add(thread);
            thread.start();
        }
        log.info(
                "Archiving topic {} to s3://{}/{}/ with {} consumer(s) in group {} (files of at most {} records "
                        + "or {}, idle flush {}; gzip: {})",
                properties.topic(),
                store.bucket(),
                properties.s3().prefix(),
                properties.consumers(),
                properties.groupId(),
                properties.flushRecords(),
                properties.flushSize(),
                properties.idleFlush(),
                gzip);
    }

    private Map<String, Object> consumerConfig(int index) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putIfAbsent(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        Object clientId = config.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "batch-consumer");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + index);
        return config;
    }

    private void createDeadLetterTopic() {
        try {
            admin.createTopics(List.of(new NewTopic(deadLetters.topic(), Optional.empty(), Optional.empty())))
                    .all()
                    .get();
            log.info("Created dead-letter topic {}", deadLetters.topic());
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn(
                        "Could not create dead-letter topic {}: {}",
                        deadLetters.topic(),
                        e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (starter != null) {
            starter.interrupt(); // not joined: it may be waiting for this lock, and starts nothing once stopped
            starter = null;
        }
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
    public boolean isRunning() {
        return running;
    }
}
