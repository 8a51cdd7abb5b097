package dev.pinpipeline.archive.monitoring;

import dev.pinpipeline.archive.writer.ArchiveFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The archiver's meters (Prometheus names replace dots by underscores): {@code archive.records.written},
 * {@code archive.bytes.written} (gzip bytes uploaded), {@code archive.bytes.uncompressed},
 * {@code archive.files.written{reason}}, {@code archive.upload.latency}, {@code archive.upload.failures},
 * {@code archive.records.dead.lettered}, {@code archive.records.dead.lettered.truncated} (sent as a truncated copy,
 * the whole one being too large), {@code archive.days.completed}, and per partition
 * {@code archive.partition.lag} and {@code archive.partition.committed.offset}.
 */
public class ArchiveMetrics {

    private final MeterRegistry registry;
    private final String topic;
    private final Counter records;
    private final Counter bytes;
    private final Counter uncompressedBytes;
    private final Timer uploadLatency;
    private final Counter uploadFailures;
    private final Counter deadLettered;
    private final Counter deadLetteredTruncated;
    private final Counter daysCompleted;
    private final Map<TopicPartition, PartitionGauges> partitions = new ConcurrentHashMap<>();

    public ArchiveMetrics(MeterRegistry registry, String topic) {
        this.registry = registry;
        this.topic = topic;
        this.records = Counter.builder("archive.records.written")
                .tag("topic", topic)
                .description("Records written to the archive")
                .register(registry);
        this.bytes = Counter.builder("archive.bytes.written")
                .tag("topic", topic)
                .description("Compressed bytes uploaded")
                .register(registry);
        this.uncompressedBytes = Counter.builder("archive.bytes.uncompressed")
                .tag("topic", topic)
                .description("JSON Lines bytes archived, before gzip")
                .register(registry);
        this.uploadLatency = Timer.builder("archive.upload.latency")
                .tag("topic", topic)
                .description("Time to put one archive file")
                .publishPercentileHistogram()
                .register(registry);
        this.uploadFailures = Counter.builder("archive.upload.failures")
                .tag("topic", topic)
                .description("Uploads or commits that failed and were retried")
                .register(registry);
        this.deadLettered = Counter.builder("archive.records.dead.lettered")
                .tag("topic", topic)
                .description("Records sent to the dead-letter topic")
                .register(registry);
        this.deadLetteredTruncated = Counter.builder("archive.records.dead.lettered.truncated")
                .tag("topic", topic)
                .description("Dead-lettered records sent as a truncated copy: the whole one was refused")
                .register(registry);
        this.daysCompleted = Counter.builder("archive.days.completed")
                .tag("topic", topic)
                .description("_SUCCESS markers written")
                .register(registry);
    }

    public void fileWritten(ArchiveFile file, Duration uploadTime) {
        records.increment(file.records());
        bytes.increment(file.content().length);
        uncompressedBytes.increment(file.uncompressedBytes());
        uploadLatency.record(uploadTime);
        Counter.builder("archive.files.written")
                .tag("topic", topic)
                .tag("reason", file.reason().tag())
                .description("Archive files written, by the reason they were closed")
                .register(registry)
                .increment();
    }

    public void uploadFailed() {
        uploadFailures.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void deadLetterTruncated() {
        deadLetteredTruncated.increment();
    }

    public void dayCompleted() {
        daysCompleted.increment();
    }

    public void committed(TopicPartition partition, long offset) {
        gauges(partition).committed.set(offset);
    }

    public void lag(TopicPartition partition, long lag) {
        gauges(partition).lag.set(lag);
    }

    public void released(TopicPartition partition) {
        PartitionGauges removed = partitions.remove(partition);
        if (removed != null) {
            removed.meters.forEach(registry::remove);
        }
    }

    private PartitionGauges gauges(TopicPartition partition) {
        return partitions.computeIfAbsent(partition, tp -> {
            AtomicLong lag = new AtomicLong(-1);
            AtomicLong committed = new AtomicLong(-1);
            String number = Integer.toString(tp.partition());
            Gauge lagGauge = Gauge.builder("archive.partition.lag", lag, AtomicLong::get)
                    .tag("topic", tp.topic())
                    .tag("partition", number)
                    .description("Records in Kafka not yet read by this instance")
                    .register(registry);
            Gauge committedGauge = Gauge.builder("archive.partition.committed.offset", committed, AtomicLong::get)
                    .tag("topic", tp.topic())
                    .tag("partition", number)
                    .description("Offset committed after the last durable upload")
                    .register(registry);
            return new PartitionGauges(lag, committed, List.of(lagGauge, committedGauge));
        });
    }

    private record PartitionGauges(AtomicLong lag, AtomicLong committed, List<Gauge> meters) {}
}
