package dev.pinpipeline.archive.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.archive.storage.StoredFile;
import dev.pinpipeline.events.SuccessManifest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class DayManifestTest {

    private static final List<StoredFile> FILES = List.of(
            new StoredFile("k/T+0+00000000000000000010.jsonl.gz", 100, 0, 10, 19, 10),
            new StoredFile("k/T+0+00000000000000000000.jsonl.gz", 100, 0, 0, 9, 10),
            new StoredFile("k/T+2+00000000000000000005.jsonl.gz", 100, 2, 5, 7, 3));

    @Test
    void summarisesFilesRecordsAndOffsetRangesPerPartitionIncludingEmptyOnes() {
        SuccessManifest manifest = DayManifest.of(
                "T",
                LocalDate.parse("2026-01-10"),
                List.of(0, 1, 2),
                FILES,
                Map.of(0, Instant.parse("2026-01-11T01:00:00Z")));

        assertThat(manifest.files()).isEqualTo(3);
        assertThat(manifest.records()).isEqualTo(23);
        assertThat(manifest.partitions())
                .extracting(SuccessManifest.Partition::partition)
                .containsExactly(0, 1, 2);
        SuccessManifest.Partition p0 = manifest.partitions().get(0);
        assertThat(p0.firstOffset()).isZero();
        assertThat(p0.lastOffset()).isEqualTo(19);
        assertThat(p0.ranges())
                .extracting(SuccessManifest.FileRange::firstOffset)
                .containsExactly(0L, 10L);
        assertThat(manifest.partitions().get(1).files()).isZero();
        assertThat(manifest.partitions().get(1).firstOffset()).isEqualTo(-1);
    }

    /** pin-events writes the JSON by hand: the same text as Jackson (snake_case names) wrote before. */
    @Test
    void theMarkersJsonHoldsWhatJacksonWroteOfTheManifest() {
        SuccessManifest manifest = DayManifest.of(
                "T",
                LocalDate.parse("2026-01-10"),
                List.of(0, 1, 2),
                FILES,
                Map.of(0, Instant.parse("2026-01-11T01:00:00Z"), 2, Instant.parse("2026-01-11T01:00:00.250Z")));
        JsonMapper jackson = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();

        assertThat(manifest.toJson()).isEqualTo(jackson.writeValueAsString(manifest));
    }
}
