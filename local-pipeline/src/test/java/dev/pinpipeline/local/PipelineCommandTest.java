package dev.pinpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class PipelineCommandTest {

    @Test
    void noSubcommandMeansRun() {
        assertThat(PipelineCommand.withDefaultSubcommand(new String[0])).containsExactly("run");
    }

    @Test
    void optionsWithoutSubcommandGoToRun() {
        assertThat(PipelineCommand.withDefaultSubcommand(new String[] {"--fresh", "--rate", "50"}))
                .containsExactly("run", "--fresh", "--rate", "50");
    }

    @Test
    void aSubcommandIsKept() {
        assertThat(PipelineCommand.withDefaultSubcommand(new String[] {"batch", "--date", "2026-11-26"}))
                .containsExactly("batch", "--date", "2026-11-26");
    }

    @Test
    void helpIsKept() {
        assertThat(PipelineCommand.withDefaultSubcommand(new String[] {"--help"}))
                .containsExactly("--help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "batch", "archive", "sql"})
    void eachSubcommandShowsItsDefaultsUnderItsOptions(String name) {
        CommandLine subcommand =
                new CommandLine(new PipelineCommand()).getSubcommands().get(name);
        String help = subcommand.getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(subcommand.getCommandSpec().usageMessage().showDefaultValues())
                .isTrue();
        assertThat(help).doesNotContain("Default: []", "Default: null", "(default");
        if (!name.equals("archive")) {
            assertThat(help).containsPattern("--kafka-port=\\S+\\s+Kafka broker port\\.\\s+Default: 9092");
        }
    }
}
