package dev.pinpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
        assertThat(PipelineCommand.withDefaultSubcommand(new String[] {"--help"})).containsExactly("--help");
    }
}
