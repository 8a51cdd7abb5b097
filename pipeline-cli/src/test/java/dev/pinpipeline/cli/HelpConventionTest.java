package dev.pinpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class HelpConventionTest {

    @Command(name = "tool")
    static final class Tool {
        @Mixin
        HelpConvention helpConvention;

        @Mixin
        PostgresOptions postgres;

        @Option(
                names = "--zeta",
                defaultValue = "30s",
                converter = DurationConverter.class,
                description = "Last letter.")
        Duration zeta;

        @Option(names = "--alpha", description = "First letter. Default: random.")
        Long alpha;
    }

    private static String help() {
        return new CommandLine(new Tool()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    void eachDefaultIsShownUnderItsOptionAsWrittenInTheAnnotation() {
        assertThat(help()).containsPattern("--zeta=<zeta>\\s+Last letter\\.\\s+Default: 30s");
    }

    @Test
    void anOptionWithoutADefaultShowsNone() {
        assertThat(help())
                .containsPattern("First letter\\. Default: random\\.\\R$")
                .doesNotContain("Default: null");
    }

    @Test
    void optionsKeepTheirDeclarationOrder() {
        String optionList = help().replaceFirst("(?s)^Usage:.*?\\R(?= +--)", "");
        assertThat(optionList.indexOf("--postgres-url=")).isLessThan(optionList.indexOf("--postgres-user="));
        assertThat(optionList.indexOf("--zeta=")).isLessThan(optionList.indexOf("--alpha="));
    }

    @Test
    void thePasswordsDefaultIsNeverShown() {
        assertThat(help()).containsPattern("PostgreSQL password \\(env POSTGRES_PASSWORD\\)\\.\\R\\s+--zeta");
    }
}
