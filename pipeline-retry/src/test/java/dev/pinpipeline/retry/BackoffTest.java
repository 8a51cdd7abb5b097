package dev.pinpipeline.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void eachWaitDoublesFromTheFirstUpToTheLongest() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(50)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFirstWaitNotShorterThanTheLongestIsAFixedWait() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theRetryPolicyRetriesWithoutLimitUntilTheCallerNarrowsIt() {
        assertThat(new Backoff(Duration.ofMillis(1), Duration.ofMillis(2))
                        .retryPolicy()
                        .build()
                        .getConfig()
                        .getMaxRetries())
                .isEqualTo(-1);
    }
}
