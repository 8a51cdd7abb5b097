package dev.pinpipeline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The examples of docs/events.md §2. */
class ArchiveKeysTest {

    private final ArchiveKeys keys = ArchiveKeys.raw();

    @Test
    void aFileIsKeyedByTheDayAndHourOfItsIngestTimeItsPartitionAndItsFirstOffsetIn20Digits() {
        assertThat(keys.file("PinterestTopic", 0, Instant.parse("2026-11-26T13:45:50.123Z"), 42))
                .isEqualTo("raw/PinterestTopic/dt=2026-11-26/hr=13/PinterestTopic+0+00000000000000000042.jsonl.gz");
    }

    @Test
    void theDayFolderAndItsSuccessMarker() {
        LocalDate day = LocalDate.parse("2026-11-26");
        assertThat(keys.topicDir("PinterestTopic")).isEqualTo("raw/PinterestTopic/");
        assertThat(keys.dayDir("PinterestTopic", day)).isEqualTo("raw/PinterestTopic/dt=2026-11-26/");
        assertThat(keys.successMarker("PinterestTopic", day)).isEqualTo("raw/PinterestTopic/dt=2026-11-26/_SUCCESS");
        assertThat(new ArchiveKeys("s3a://pinterestdata/raw").successMarker("PinterestTopic", day))
                .isEqualTo("s3a://pinterestdata/raw/PinterestTopic/dt=2026-11-26/_SUCCESS");
        assertThat(ArchiveKeys.dayDirName(day)).isEqualTo("dt=2026-11-26");
    }

    @Test
    void aFileKeyGivesBackItsCoordinatesAndOtherKeysNothing() {
        assertThat(ArchiveKeys.parseFile(
                        "raw/PinterestTopic/dt=2026-11-26/hr=13/PinterestTopic+0+00000000000000000042.jsonl.gz"))
                .contains(new ArchiveKeys.FileName("PinterestTopic", 0, 42));
        assertThat(ArchiveKeys.parseFile("raw/PinterestTopic/dt=2026-11-26/_SUCCESS"))
                .isEmpty();
        assertThat(ArchiveKeys.parseFile("raw/T/dt=2026-11-26/hr=13/T+0+42.jsonl.gz"))
                .isEmpty();
    }

    @Test
    void aDayFolderGivesBackItsDay() {
        assertThat(ArchiveKeys.parseDayDir("raw/PinterestTopic/dt=2026-11-26/"))
                .contains(LocalDate.parse("2026-11-26"));
        assertThat(ArchiveKeys.parseDayDir("raw/PinterestTopic/dt=26-11-2026/")).isEmpty();
        assertThat(ArchiveKeys.parseDayDir("raw/PinterestTopic/")).isEmpty();
    }
}
