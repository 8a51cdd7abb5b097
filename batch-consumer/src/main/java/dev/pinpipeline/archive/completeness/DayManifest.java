package dev.pinpipeline.archive.completeness;

import dev.pinpipeline.archive.storage.StoredFile;
import dev.pinpipeline.events.SuccessManifest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The content of {@code dt=YYYY-MM-DD/_SUCCESS} (pin-events' {@link SuccessManifest}) from the listed files. */
final class DayManifest {

    private DayManifest() {}

    static SuccessManifest of(
            String topic,
            LocalDate date,
            Collection<Integer> partitionIds,
            List<StoredFile> files,
            Map<Integer, Instant> watermarks) {
        List<SuccessManifest.ArchivedFile> archived = files.stream()
                .map(f -> new SuccessManifest.ArchivedFile(
                        f.key(), f.partition(), f.firstOffset(), f.lastOffset(), f.records()))
                .toList();
        return SuccessManifest.of(topic, date, partitionIds, archived, watermarks);
    }
}
