package dev.pinpipeline.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of {@code dt=YYYY-MM-DD/_SUCCESS} (docs/events.md §2): what the archive holds for the day, per
 * partition. batch-consumer writes it, in the JSON of {@link #toJson()}, once every partition has moved past the
 * day; its presence is what the daily job and Airflow's sensor wait for.
 *
 * @param topic      the archived topic
 * @param date       the day (UTC, by ingested_at), {@code YYYY-MM-DD}
 * @param files      files of the day, all partitions
 * @param records    lines of the day, all partitions
 * @param partitions one entry per partition of the topic, also those without files, by partition
 * @param watermarks the partition watermarks that made the day complete (ISO-8601 instants), by partition
 */
public record SuccessManifest(
        String topic,
        String date,
        int files,
        long records,
        List<Partition> partitions,
        Map<Integer, String> watermarks) {

    /**
     * @param partition   the Kafka partition
     * @param files       its files of the day
     * @param records     its lines of the day
     * @param firstOffset the lowest offset archived for the day, or -1
     * @param lastOffset  the highest offset archived for the day, or -1
     * @param ranges      each file: key, first and last offset, records; by first offset
     */
    public record Partition(
            int partition, int files, long records, long firstOffset, long lastOffset, List<FileRange> ranges) {}

    public record FileRange(String key, long firstOffset, long lastOffset, long records) {}

    /** One archive file of the day, as the archive lists it. */
    public record ArchivedFile(String key, int partition, long firstOffset, long lastOffset, long records) {}

    public static SuccessManifest of(
            String topic,
            LocalDate date,
            Collection<Integer> partitionIds,
            List<ArchivedFile> files,
            Map<Integer, Instant> watermarks) {
        Map<Integer, List<ArchivedFile>> byPartition = new TreeMap<>();
        partitionIds.forEach(p -> byPartition.put(p, new ArrayList<>()));
        files.forEach(f -> byPartition
                .computeIfAbsent(f.partition(), p -> new ArrayList<>())
                .add(f));
        List<Partition> partitions = new ArrayList<>();
        byPartition.forEach((partition, stored) -> {
            stored.sort(Comparator.comparingLong(ArchivedFile::firstOffset));
            List<FileRange> ranges = stored.stream()
                    .map(f -> new FileRange(f.key(), f.firstOffset(), f.lastOffset(), f.records()))
                    .toList();
            partitions.add(new Partition(
                    partition,
                    stored.size(),
                    stored.stream().mapToLong(ArchivedFile::records).sum(),
                    stored.isEmpty() ? -1 : stored.get(0).firstOffset(),
                    stored.stream().mapToLong(ArchivedFile::lastOffset).max().orElse(-1),
                    ranges));
        });
        Map<Integer, String> marks = new TreeMap<>();
        watermarks.forEach((p, w) -> marks.put(p, w.toString()));
        return new SuccessManifest(
                topic,
                date.toString(),
                files.size(),
                partitions.stream().mapToLong(Partition::records).sum(),
                partitions,
                marks);
    }

    /**
     * The marker's content: one JSON object, members in the order of the components, names in snake_case, no
     * white space, e.g. (docs/events.md §2)
     * <pre>{"topic":"T","date":"2026-01-10","files":1,"records":10,"partitions":[{"partition":0,"files":1,
     * "records":10,"first_offset":0,"last_offset":9,"ranges":[{"key":"raw/T/…","first_offset":0,"last_offset":9,
     * "records":10}]}],"watermarks":{"0":"2026-01-11T01:00:00Z"}}</pre>
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"topic\":")
                .append(string(topic))
                .append(",\"date\":")
                .append(string(date))
                .append(",\"files\":")
                .append(files)
                .append(",\"records\":")
                .append(records)
                .append(",\"partitions\":[");
        for (int i = 0; i < partitions.size(); i++) {
            Partition p = partitions.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"partition\":")
                    .append(p.partition())
                    .append(",\"files\":")
                    .append(p.files())
                    .append(",\"records\":")
                    .append(p.records())
                    .append(",\"first_offset\":")
                    .append(p.firstOffset())
                    .append(",\"last_offset\":")
                    .append(p.lastOffset())
                    .append(",\"ranges\":[");
            for (int j = 0; j < p.ranges().size(); j++) {
                FileRange r = p.ranges().get(j);
                json.append(j == 0 ? "" : ",")
                        .append("{\"key\":")
                        .append(string(r.key()))
                        .append(",\"first_offset\":")
                        .append(r.firstOffset())
                        .append(",\"last_offset\":")
                        .append(r.lastOffset())
                        .append(",\"records\":")
                        .append(r.records())
                        .append('}');
            }
            json.append("]}");
        }
        json.append("],\"watermarks\":{");
        String separator = "";
        for (Map.Entry<Integer, String> mark : new TreeMap<>(watermarks).entrySet()) {
            json.append(separator)
                    .append(string(mark.getKey().toString()))
                    .append(':')
                    .append(string(mark.getValue()));
            separator = ",";
        }
        return json.append("}}").toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private static String string(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
