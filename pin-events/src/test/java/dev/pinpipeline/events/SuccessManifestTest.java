package dev.pinpipeline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuccessManifestTest {

    private static final String KEY_0 =
            "raw/PinterestTopic/dt=2026-11-26/hr=13/PinterestTopic+0+00000000000000000000.jsonl.gz";
    private static final String KEY_10 =
            "raw/PinterestTopic/dt=2026-11-26/hr=14/PinterestTopic+0+00000000000000000010.jsonl.gz";

    @Test
    void summarisesFilesRecordsAndOffsetRangesPerPartitionIncludingEmptyOnes() {
        SuccessManifest manifest = SuccessManifest.of(
                "PinterestTopic",
                LocalDate.parse("2026-11-26"),
                List.of(0, 1),
                List.of(
                        new SuccessManifest.ArchivedFile(KEY_10, 0, 10, 19, 10),
                        new SuccessManifest.ArchivedFile(KEY_0, 0, 0, 9, 10)),
                Map.of(1, Instant.parse("2026-11-27T00:10:00Z"), 0, Instant.parse("2026-11-27T00:12:30.500Z")));

        assertThat(manifest.files()).isEqualTo(2);
        assertThat(manifest.records()).isEqualTo(20);
        assertThat(manifest.partitions())
                .extracting(SuccessManifest.Partition::partition)
                .containsExactly(0, 1);
        SuccessManifest.Partition p0 = manifest.partitions().get(0);
        assertThat(p0.firstOffset()).isZero();
        assertThat(p0.lastOffset()).isEqualTo(19);
        assertThat(p0.ranges())
                .extracting(SuccessManifest.FileRange::firstOffset)
                .containsExactly(0L, 10L);
        assertThat(manifest.partitions().get(1).files()).isZero();
        assertThat(manifest.partitions().get(1).firstOffset()).isEqualTo(-1);
    }

    /** The example of docs/events.md §2 (shown there on several lines). */
    @Test
    void isWrittenAsOneJsonObjectWithSnakeCaseNamesInComponentOrder() {
        SuccessManifest manifest = SuccessManifest.of(
                "PinterestTopic",
                LocalDate.parse("2026-11-26"),
                List.of(0, 1),
                List.of(new SuccessManifest.ArchivedFile(KEY_0, 0, 0, 9, 10)),
                Map.of(0, Instant.parse("2026-11-27T00:12:30.500Z"), 1, Instant.parse("2026-11-27T00:10:00Z")));

        assertThat(manifest.toJson())
                .isEqualTo(
                        "{\"topic\":\"PinterestTopic\",\"date\":\"2026-11-26\",\"files\":1,"
                                + "\"records\":10,\"partitions\":[{\"partition\":0,\"files\":1,\"records\":10,\"first_offset\":0,"
                                + "\"last_offset\":9,\"ranges\":[{\"key\":\"" + KEY_0
                                + "\",\"first_offset\":0,\"last_offset\":9,"
                                + "\"records\":10}]},{\"partition\":1,\"files\":0,\"records\":0,\"first_offset\":-1,\"last_offset\":-1,"
                                + "\"ranges\":[]}],\"watermarks\":{\"0\":\"2026-11-27T00:12:30.500Z\",\"1\":\"2026-11-27T00:10:00Z\"}}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersInStrings() {
        SuccessManifest manifest = new SuccessManifest("a\"b\\c\u0001", "2026-11-26", 0, 0, List.of(), Map.of());

        assertThat(manifest.toJson()).startsWith("{\"topic\":\"a\\\"b\\\\c\\u0001\",");
    }
}
