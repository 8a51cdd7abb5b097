package dev.pinpipeline.archive.completeness;

import dev.pinpipeline.archive.storage.StoredFile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of {@code dt=YYYY-MM-DD/_SUCCESS}: what the archive holds for the day, per partition.
 *
 * @param topic      the archived topic
 * @param date       the day (UTC, by ingested_at)
 * @param files      files of the day, all partitions
 * @param records    lines of the day, all partitions
 * @param partitions one entry per partition of the topic, also those without files
 * @param watermarks the partition watermarks that made the day complete
 */
public record DayManifest(String topic, String date, int files, long records, List<Partition> partitions,
                          Map<Integer, String> watermarks) {

    /**
     * @param partition   the Kafka partition
     * @param files       its files of the day
     * @param records     its lines of the day
     * @param firstOffset the lowest offset archived for the day, or -1
     * @param lastOffset  the highest offset archived for the day, or -1
     * @param ranges      each file: key, first and last offset, records
     */
    public record Partition(int partition, int files, long records, long firstOffset, long lastOffset,
                            List<FileRange> ranges) {
    }

    public record FileRange(String key, long firstOffset, long lastOffset, long records) {
    }

    public static DayManifest of(String topic, LocalDate date, Collection<Integer> partitionIds,
                                 List<StoredFile> files, Map<Integer, Instant> watermarks) {
        Map<Integer, List<StoredFile>> byPartition = new TreeMap<>();
        partitionIds.forEach(p -> byPartition.put(p, new ArrayList<>()));
        files.forEach(f -> byPartition.computeIfAbsent(f.partition(), p -> new ArrayList<>()).add(f));
        List<Partition> partitions = new ArrayList<>();
        byPartition.forEach((partition, stored) -> {
            stored.sort(Comparator.comparingLong(StoredFile::firstOffset));
            List<FileRange> ranges = stored.stream()
                    .map(f -> new FileRange(f.key(), f.firstOffset(), f.lastOffset(), f.records())).toList();
            partitions.add(new Partition(partition, stored.size(), stored.stream().mapToLong(StoredFile::records).sum(),
                    stored.isEmpty() ? -1 : stored.get(0).firstOffset(),
                    stored.stream().mapToLong(StoredFile::lastOffset).max().orElse(-1), ranges));
        });
        Map<Integer, String> marks = new TreeMap<>();
        watermarks.forEach((p, w) -> marks.put(p, w.toString()));
        return new DayManifest(topic, date.toString(), files.size(),
                partitions.stream().mapToLong(Partition::records).sum(), partitions, marks);
    }
}
