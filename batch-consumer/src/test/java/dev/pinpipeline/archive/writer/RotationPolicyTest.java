package dev.pinpipeline.archive.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RotationPolicyTest {

    private final RotationPolicy policy = new RotationPolicy(3, 1000, Duration.ofSeconds(60));
    private final Instant hour13 = Instant.parse("2026-11-26T13:00:00Z");

    @Test
    void filesARecordUnderItsIngestHourInUtc() {
        assertThat(RotationPolicy.hourOf(Instant.parse("2026-11-26T13:59:59.999Z")))
                .isEqualTo(hour13);
    }

    @Test
    void rotatesWhenTheNextRecordBelongsToAnotherHour() {
        assertThat(policy.rotatesOnHour(1, hour13, hour13.plusSeconds(3600))).isTrue();
        assertThat(policy.rotatesOnHour(1, hour13, hour13.minusSeconds(3600))).isTrue();
        assertThat(policy.rotatesOnHour(1, hour13, hour13)).isFalse();
        assertThat(policy.rotatesOnHour(0, null, hour13)).isFalse();
    }

    @Test
    void keepsEveryInstantOfTheBufferHourAndNoOther() {
        assertThat(policy.rotatesOnHour(1, hour13, Instant.parse("2026-11-26T13:59:59.999Z")))
                .isFalse();
        assertThat(policy.rotatesOnHour(1, hour13, Instant.parse("2026-11-26T13:00:00.001Z")))
                .isFalse();
        assertThat(policy.rotatesOnHour(1, hour13, Instant.parse("2026-11-26T14:00:00Z")))
                .isTrue();
        assertThat(policy.rotatesOnHour(1, hour13, Instant.parse("2026-11-26T12:59:59.999Z")))
                .isTrue();
        Instant beforeEpoch = Instant.parse("1969-12-31T23:00:00Z");
        assertThat(policy.rotatesOnHour(1, beforeEpoch, Instant.parse("1969-12-31T23:59:59.999Z")))
                .isFalse();
        assertThat(policy.rotatesOnHour(1, beforeEpoch, Instant.parse("1970-01-01T00:00:00Z")))
                .isTrue();
    }

    @Test
    void rotatesOnCountAndSize() {
        assertThat(policy.rotatesOnCount(2)).isFalse();
        assertThat(policy.rotatesOnCount(3)).isTrue();
        assertThat(policy.rotatesOnSize(999)).isFalse();
        assertThat(policy.rotatesOnSize(1000)).isTrue();
    }

    @Test
    void rotatesWhenIdleForTheIdleTime() {
        Instant last = Instant.parse("2026-11-26T13:10:00Z");
        assertThat(policy.rotatesWhenIdle(last, last.plusSeconds(59))).isFalse();
        assertThat(policy.rotatesWhenIdle(last, last.plusSeconds(60))).isTrue();
    }

    @Test
    void shouldRequirePositiveLimits() {
        assertThatThrownBy(() -> new RotationPolicy(0, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RotationPolicy(1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
