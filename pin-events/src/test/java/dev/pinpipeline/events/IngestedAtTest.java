package dev.pinpipeline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IngestedAtTest {

    /** docs/events.md §1. */
    private static final String EXAMPLE = "2026-11-26T13:45:50.123Z";

    @Test
    void formatsAnInstantInTheCanonicalFormWithMilliseconds() {
        assertThat(IngestedAt.format(Instant.parse("2026-11-26T13:45:50.123456Z")))
                .isEqualTo(EXAMPLE);
        assertThat(IngestedAt.format(Instant.parse("2026-11-26T13:45:50Z"))).isEqualTo("2026-11-26T13:45:50.000Z");
        assertThat(EXAMPLE).hasSize(IngestedAt.LENGTH);
    }

    @Test
    void parsesTheCanonicalForm() {
        assertThat(IngestedAt.parse(EXAMPLE)).isEqualTo(Instant.parse("2026-11-26T13:45:50.123Z"));
        assertThat(IngestedAt.parse(EXAMPLE.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Instant.ofEpochMilli(1_795_700_750_123L));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-26T13:45:50Z",
                "2026-11-26T13:45:50.12Z",
                "2026-11-26T13:45:50.1234Z",
                "2026-11-26 13:45:50.123Z",
                "2026-11-26T13:45:50.123+00:00",
                "2026-11-26t13:45:50.123z",
                "2026-02-30T13:45:50.123Z",
                "2026-11-26T24:45:50.123Z",
                "2026-1a-26T13:45:50.123Z",
                ""
            })
    void anyOtherFormIsNotCanonical(String text) {
        assertThat(IngestedAt.parse(text)).isNull();
        assertThat(IngestedAt.isCanonical(text)).isFalse();
    }

    @Test
    void theRegexAcceptsTheCanonicalShapeOnly() {
        Pattern regex = Pattern.compile(IngestedAt.REGEX);
        assertThat(regex.matcher(EXAMPLE).matches()).isTrue();
        assertThat(regex.matcher("2026-11-26T13:45:50Z").matches()).isFalse();
        assertThat(regex.matcher("x" + EXAMPLE).find()).isFalse();
    }

    @Test
    void aReaderTakesACanonicalHeaderElseTheRecordTimestamp() {
        byte[] header = EXAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] other = "2026-11-26T13:45:50Z".getBytes(StandardCharsets.UTF_8);

        assertThat(IngestedAt.fromHeaderOrTimestamp(header, 5)).isEqualTo(Instant.parse(EXAMPLE));
        assertThat(IngestedAt.fromHeaderOrTimestamp(other, 5)).isEqualTo(Instant.ofEpochMilli(5));
        assertThat(IngestedAt.fromHeaderOrTimestamp(null, 5)).isEqualTo(Instant.ofEpochMilli(5));
        assertThat(IngestedAt.fromHeaderOrTimestamp(null, -1)).isNull();
    }
}
