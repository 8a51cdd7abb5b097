package dev.pinpipeline.archive.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CanonicalTimestampTest {

    @Test
    void readsTheIngestApiFormatLikeInstantParse() {
        for (String text : new String[] {"2026-11-26T13:45:50.123Z", "2024-02-29T00:00:00.000Z", "1999-12-31T23:59:59.999Z"}) {
            assertThat(CanonicalTimestamp.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesEveryOtherFormToTheGeneralParser() {
        assertThat(CanonicalTimestamp.parse("2026-11-26T13:45:50Z")).isNull();
        assertThat(CanonicalTimestamp.parse("2026-11-26T13:45:50.123456Z")).isNull();
        assertThat(CanonicalTimestamp.parse("2026-11-26T13:45:50.123+01:00")).isNull();
        assertThat(CanonicalTimestamp.parse("2026-13-26T13:45:50.123Z")).isNull();
        assertThat(CanonicalTimestamp.parse("2026-11-2xT13:45:50.123Z")).isNull();
        assertThat(CanonicalTimestamp.parse((String) null)).isNull();
    }

    @Test
    void checksCanonicalUuidsByHand() {
        assertThat(EventLineEncoder.isCanonicalUuid("0b9f0b9f-0b9f-4b9f-8b9f-0b9f0b9f0b9f")).isTrue();
        assertThat(EventLineEncoder.isCanonicalUuid("0B9F0B9F-0b9f-4b9f-8b9f-0b9f0b9f0b9f")).isFalse();
        assertThat(EventLineEncoder.isCanonicalUuid("0b9f0b9f00b9f-4b9f-8b9f-0b9f0b9f0b9f")).isFalse();
        assertThat(EventLineEncoder.isCanonicalUuid("not-a-uuid")).isFalse();
    }
}
