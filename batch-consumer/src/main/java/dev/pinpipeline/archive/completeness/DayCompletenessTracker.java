package dev.pinpipeline.archive.completeness;

import dev.pinpipeline.archive.ArchiveProperties;
import dev.pinpipeline.archive.consumer.WatermarkMetadata;
import dev.pinpipeline.archive.monitoring.ArchiveMetrics;
import dev.pinpipeline.archive.monitoring.ArchiveStatus;
import dev.pinpipeline.archive.storage.S3ArchiveStore;
import dev.pinpipeline.archive.writer.ObjectKeys;
import dev.pinpipeline.events.SuccessManifest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes {@code dt=YYYY-MM-DD/_SUCCESS} (a {@link SuccessManifest}) for each day that every partition has moved past.
 * Runs in the instance that owns partition 0, so one instance of the group does it; it reads the partitions'
 * watermarks from the group's committed offsets and the day's files from S3.
 */
@Component
class DayCompletenessTracker {

    private static final Logger log = LoggerFactory.getLogger(DayCompletenessTracker.class);

    private final ArchiveProperties properties;
    private final Admin admin;
    private final S3ArchiveStore store;
    private final ObjectKeys keys;
    private final ArchiveStatus status;
    private final ArchiveMetrics metrics;
    private final Set<LocalDate> marked = ConcurrentHashMap.newKeySet();

    DayCompletenessTracker(
            ArchiveProperties properties,
            Admin admin,
            S3ArchiveStore store,
            ArchiveStatus status,
            ArchiveMetrics metrics) {
        this.properties = properties;
        this.admin = admin;
        this.store = store;
        this.keys = new ObjectKeys(properties.s3().prefix());
        this.status = status;
        this.metrics = metrics;
    }

    @Scheduled(
            fixedDelayString = "${archive.completeness.check-interval:30s}",
            initialDelayString = "${archive.completeness.check-interval:30s}")
    void markCompleteDays() {
        String topic = properties.topic();
        if (!properties.completeness().enabled() || !status.owns(new TopicPartition(topic, 0))) {
            return;
        }
        try {
            List<Integer> partitions = partitions(topic);
            Map<Integer, Instant> watermarks = watermarks(topic);
            Optional<LocalDate> latest = DayCompleteness.latestCompleteDay(
                    watermarks, partitions, properties.completeness().grace());
            Optional<LocalDate> first = store.dayDirs(keys.topicDir(topic)).stream()
                    .map(ObjectKeys::parseDayDir)
                    .flatMap(Optional::stream)
                    .min(LocalDate::compareTo);
            if (latest.isEmpty() || first.isEmpty()) {
                return;
            }
            for (LocalDate day : DayCompleteness.daysToMark(first.get(), latest.get(), marked)) {
                String marker = keys.successMarker(topic, day);
                if (!store.exists(marker)) {
                    SuccessManifest manifest =
                            DayManifest.of(topic, day, partitions, store.files(keys.dayDir(topic, day)), watermarks);
                    store.putJson(marker, manifest.toJson().getBytes(StandardCharsets.UTF_8));
                    metrics.dayCompleted();
                    log.info(
                            "Day {} of {} is complete: {} records in {} files; wrote {}",
                            day,
                            topic,
                            manifest.records(),
                            manifest.files(),
                            marker);
                }
                marked.add(day);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Checking for complete days failed, will retry: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Integer> partitions(String topic) throws ExecutionException, InterruptedException {
        TopicDescription description =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().stream()
                .map(TopicPartitionInfo::partition)
                .toList();
    }

    private Map<Integer, Instant> watermarks(String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(properties.groupId())
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<Integer, Instant> watermarks = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            Instant watermark = offset == null ? null : WatermarkMetadata.decode(offset.metadata());
            if (partition.topic().equals(topic) && watermark != null) {
                watermarks.put(partition.partition(), watermark);
            }
        });
        return watermarks;
    }
}
