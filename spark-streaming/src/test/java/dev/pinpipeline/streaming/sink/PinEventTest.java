package dev.pinpipeline.streaming.sink;

import static dev.pinpipeline.streaming.sink.PinEventsForTests.pin;
import static dev.pinpipeline.streaming.sink.PinEventsForTests.reject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PinEventTest {

    private static final String PIN = "fbe53c66-3442-4773-b19e-d3ec6f54dddf";
    private static final Instant T = Instant.parse("2026-11-26T13:45:50.123Z");

    @Test
    void laterIngestedAtIsNewerWhateverTheOffset() {
        assertThat(pin(PIN, "late", T.plusMillis(1), 0, 1).isNewerThan(pin(PIN, "early", T, 0, 99)))
                .isTrue();
        assertThat(pin(PIN, "early", T, 0, 99).isNewerThan(pin(PIN, "late", T.plusMillis(1), 0, 1)))
                .isFalse();
    }

    @Test
    void sameIngestedAtIsDecidedByTheHigherOffset() {
        assertThat(pin(PIN, "b", T, 0, 8).isNewerThan(pin(PIN, "a", T, 0, 7))).isTrue();
        assertThat(pin(PIN, "a", T, 0, 7).isNewerThan(pin(PIN, "b", T, 0, 8))).isFalse();
    }

    @Test
    void anEventIsNotNewerThanItself() {
        assertThat(pin(PIN, "a", T, 0, 7).isNewerThan(pin(PIN, "a", T, 0, 7))).isFalse();
    }

    @Test
    void aRejectIsKeyedByItsKafkaCoordinates() {
        assertThat(reject(2, 42, "oops", "not a JSON object").coordinates()).isEqualTo("pins/2/42");
        assertThat(reject(2, 42, "oops", "not a JSON object").isReject()).isTrue();
        assertThat(pin(PIN, "a", T, 0, 7).isReject()).isFalse();
    }
}
