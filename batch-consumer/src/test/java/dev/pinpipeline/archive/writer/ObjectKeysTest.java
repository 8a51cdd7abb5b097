package dev.pinpipeline.archive.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    private final ObjectKeys keys = new ObjectKeys("raw");

    @Test
    void namesAFileByTopicPartitionAndZeroPaddedFirstOffset() {
        assertThat(keys.file("PinterestTopic", 2, Instant.parse("2026-11-26T07:00:00Z"), 42))
                .isEqualTo("raw/PinterestTopic/dt=2026-11-26/hr=07/PinterestTopic+2+00000000000000000042.jsonl.gz");
    }

    @Test
    void parsesTheCoordinatesBackFromAKey() {
        assertThat(ObjectKeys.parseFile("raw/T/dt=2026-11-26/hr=07/T+2+00000000000000000042.jsonl.gz"))
                .contains(new ObjectKeys.FileName("T", 2, 42));
        assertThat(ObjectKeys.parseFile("raw/T/dt=2026-11-26/_SUCCESS")).isEmpty();
    }

    @Test
    void placesTheDayMarkerInTheDayDirectory() {
        assertThat(keys.successMarker("T", LocalDate.parse("2026-01-10"))).isEqualTo("raw/T/dt=2026-01-10/_SUCCESS");
        assertThat(ObjectKeys.parseDayDir("raw/T/dt=2026-01-10/")).contains(LocalDate.parse("2026-01-10"));
    }
}
