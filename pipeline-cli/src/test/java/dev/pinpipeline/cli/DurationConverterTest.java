package dev.pinpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({
        "30s, 30000",
        "5m, 300000",
        "1h30m, 5400000",
        "PT30S, 30000",
        "500ms, 500",
        "2d, 172800000",
        "1m30s, 90000",
        "1h0m5s, 3605000",
        "30, 30000",
        "0s, 0",
        "pt1m, 60000",
        "P1DT2H, 93600000",
        "' 10M ', 600000"
    })
    void readsTheShortFormsAndIso(String text, long millis) {
        assertThat(converter.convert(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "s",
                "5x",
                "5 s",
                "1.5s",
                "-5s",
                "5s5",
                "ms5",
                "P",
                "PT",
                "PTS",
                "soon",
                "1h 30m",
                "99999999999999999999s",
                "9999999999999999d"
            })
    void refusesAnythingElseNamingTheValueAndTheForms(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a duration (examples: 500ms, 30s, 5m, 1h30m, PT30S)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-5S", "-PT5S", "P-1D"})
    void refusesANegativeIsoDuration(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is negative: a duration is 0 or more");
    }

    static final class Command {
        @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class)
        Duration timeout;
    }

    @Test
    void onAnOptionItConvertsTheDefaultAndTheGivenValue() {
        Command command = new Command();
        new CommandLine(command).parseArgs();
        assertThat(command.timeout).isEqualTo(Duration.ofSeconds(30));

        new CommandLine(command).parseArgs("--timeout", "1h30m");
        assertThat(command.timeout).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void onAnOptionABadValueIsAParameterErrorNamingTheOption() {
        assertThatThrownBy(() -> new CommandLine(new Command()).parseArgs("--timeout", "soon"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--timeout")
                .hasMessageContaining("'soon' is not a duration");
    }
}
