package dev.pinpipeline.emulator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("3", NOW)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 14:00:05 GMT", NOW)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 13:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-1", NOW)).isNull();
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        Duration first = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(1);

        assertThat(new Backoff(first, max).delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(new Backoff(first, max).delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(new Backoff(first, max).delay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(new Backoff(first, max).delay(5)).isEqualTo(max);
        assertThat(new Backoff(first, max).delay(500)).isEqualTo(max);
    }

    @Test
    void only503And429AndGatewayErrorsAreTransient() {
        assertThat(PinSender.isTransient(503)).isTrue();
        assertThat(PinSender.isTransient(429)).isTrue();
        assertThat(PinSender.isTransient(502)).isTrue();
        assertThat(PinSender.isTransient(504)).isTrue();
        assertThat(PinSender.isTransient(400)).isFalse();
        assertThat(PinSender.isTransient(422)).isFalse();
        assertThat(PinSender.isTransient(413)).isFalse();
        assertThat(PinSender.isTransient(201)).isFalse();
    }
}
