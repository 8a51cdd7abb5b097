package dev.pinpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The shared environment-backed options: the environment variable's value, else the pipeline's default. */
class EnvironmentOptionsTest {

    @Command(name = "tool")
    static final class Tool {
        @Mixin
        KafkaOptions kafka;

        @Mixin
        PostgresOptions postgres;
    }

    private static final Map<String, String> ENV = System.getenv();

    @Test
    void withoutArgumentsTheEnvironmentOrTheDefaultsApply() {
        Tool tool = new Tool();
        new CommandLine(tool).parseArgs();

        assertThat(tool.kafka.bootstrapServers)
                .isEqualTo(ENV.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        assertThat(tool.kafka.topic).isEqualTo(ENV.getOrDefault("PINS_TOPIC", "PinterestTopic"));
        assertThat(tool.postgres.url)
                .isEqualTo(ENV.getOrDefault("POSTGRES_URL", "jdbc:postgresql://localhost:5432/pins"));
        assertThat(tool.postgres.user).isEqualTo(ENV.getOrDefault("POSTGRES_USER", "pins"));
        assertThat(tool.postgres.passwordOrEmpty()).isEqualTo(ENV.getOrDefault("POSTGRES_PASSWORD", "pins"));
    }

    @Test
    void theCommandLineWins() {
        Tool tool = new Tool();
        new CommandLine(tool)
                .parseArgs(
                        "--bootstrap-servers=k1:9092,k2:9092",
                        "--topic=pins",
                        "--postgres-url=jdbc:x",
                        "--postgres-user=reader",
                        "--postgres-password=s3cret");

        assertThat(tool.kafka.bootstrapServers).isEqualTo("k1:9092,k2:9092");
        assertThat(tool.kafka.topic).isEqualTo("pins");
        assertThat(tool.postgres.url).isEqualTo("jdbc:x");
        assertThat(tool.postgres.user).isEqualTo("reader");
        assertThat(tool.postgres.passwordOrEmpty()).isEqualTo("s3cret");
    }

    @Test
    void aPasswordOptionWithoutValueMeansAnEmptyPassword() {
        Tool tool = new Tool();
        new CommandLine(tool).parseArgs("--postgres-password");

        assertThat(tool.postgres.passwordOrEmpty()).isEmpty();
    }
}
