package dev.pinpipeline.archive.writer;

import dev.pinpipeline.events.ArchiveKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The archive layout of pin-events' {@link ArchiveKeys} (docs/events.md §2) under the configured prefix:
 * {@code {prefix}/{topic}/dt=YYYY-MM-DD/hr=HH/{topic}+{partition}+{first offset, 20 digits}.jsonl.gz}
 * and the day marker {@code {prefix}/{topic}/dt=YYYY-MM-DD/_SUCCESS}.
 */
public record ObjectKeys(String prefix) {

    private ArchiveKeys layout() {
        return new ArchiveKeys(prefix);
    }

    public String file(String topic, int partition, Instant hour, long firstOffset) {
        return layout().file(topic, partition, hour, firstOffset);
    }

    public String topicDir(String topic) {
        return layout().topicDir(topic);
    }

    public String dayDir(String topic, LocalDate day) {
        return layout().dayDir(topic, day);
    }

    public String successMarker(String topic, LocalDate day) {
        return layout().successMarker(topic, day);
    }

    /** The coordinates in an archive file's key, or empty for any other key. */
    public static Optional<FileName> parseFile(String key) {
        return ArchiveKeys.parseFile(key).map(name -> new FileName(name.topic(), name.partition(), name.firstOffset()));
    }

    /** The day of a {@code …/dt=YYYY-MM-DD/} directory, or empty. */
    public static Optional<LocalDate> parseDayDir(String dir) {
        return ArchiveKeys.parseDayDir(dir);
    }

    public record FileName(String topic, int partition, long firstOffset) {}
}
