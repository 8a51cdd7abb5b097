package dev.pinpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "30, 30000", "5m, 300000", "1h30m, 5400000", "2d, 172800000",
            "PT5S, 5000", "pt1m, 60000", "1m30s, 90000"})
    void readsDurationsAsPeopleWriteThem(String text, long millis) {
        assertThat(converter.convert(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "5x", "5 s", "1.5s", "-5s", "5s5", "P", "ms5"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a duration");
    }
}
