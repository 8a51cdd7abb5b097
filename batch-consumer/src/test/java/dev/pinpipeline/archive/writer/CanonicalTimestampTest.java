package dev.pinpipeline.archive.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CanonicalTimestampTest {

    @Test
    void readsTheIngestApiFormatLikeInstantParse() {
        for (String text :
                new String[] {"2026-11-26T13:45:50.123Z", "2024-02-29T00:00:00.000Z", "1999-12-31T23:59:59.999Z"}) {
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
    void agreesWithJavaTimeOnEveryDayAndOnImpossibleDates() {
        for (LocalDate day = LocalDate.of(1599, 12, 25);
                day.isBefore(LocalDate.of(2401, 3, 5));
                day = day.plusDays(1)) {
            String text = day + "T23:59:58.007Z";
            assertThat(CanonicalTimestamp.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : new String[] {
            "2026-02-29T00:00:00.000Z",
            "2100-02-29T00:00:00.000Z",
            "2026-04-31T00:00:00.000Z",
            "2026-00-10T00:00:00.000Z",
            "2026-01-00T00:00:00.000Z",
            "2026-01-01T24:00:00.000Z",
            "2026-01-01T00:60:00.000Z",
            "2026-01-01T00:00:60.000Z"
        }) {
            assertThat(CanonicalTimestamp.parse(text)).as(text).isNull();
        }
        assertThat(CanonicalTimestamp.parse("2000-02-29T00:00:00.000Z"))
                .isEqualTo(Instant.parse("2000-02-29T00:00:00Z"));
        assertThat(CanonicalTimestamp.parse("0000-03-01T00:00:00.000Z"))
                .isEqualTo(Instant.parse("0000-03-01T00:00:00Z"));
    }

    @Test
    void checksCanonicalUuidsByHand() {
        assertThat(EventLineEncoder.isCanonicalUuid("0b9f0b9f-0b9f-4b9f-8b9f-0b9f0b9f0b9f"))
                .isTrue();
        assertThat(EventLineEncoder.isCanonicalUuid("0B9F0B9F-0b9f-4b9f-8b9f-0b9f0b9f0b9f"))
                .isFalse();
        assertThat(EventLineEncoder.isCanonicalUuid("0b9f0b9f00b9f-4b9f-8b9f-0b9f0b9f0b9f"))
                .isFalse();
        assertThat(EventLineEncoder.isCanonicalUuid("not-a-uuid")).isFalse();
    }
}
