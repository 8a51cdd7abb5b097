package dev.pinpipeline.archive.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WatermarkMetadataTest {

    @Test
    void roundTripsTheWatermarkThroughCommitMetadata() {
        Instant watermark = Instant.parse("2026-11-26T13:45:50.123Z");

        assertThat(WatermarkMetadata.decode(WatermarkMetadata.encode(watermark)))
                .isEqualTo(watermark);
    }

    @Test
    void readsNoWatermarkFromForeignOrEmptyMetadata() {
        assertThat(WatermarkMetadata.decode(null)).isNull();
        assertThat(WatermarkMetadata.decode("")).isNull();
        assertThat(WatermarkMetadata.decode("watermark=yesterday")).isNull();
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(100)).isEqualTo(Duration.ofSeconds(5));
    }
}
