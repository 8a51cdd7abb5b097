package dev.pinpipeline.clusterit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeFileTest {

    @TempDir
    Path root;

    @Test
    void interpolatesFromDotEnvWithDefaultsEscapesAndMergedAnchors() throws IOException {
        ComposeFile compose = compose("""
                x-env: &env
                  TOPIC: ${TOPIC}
                services:
                  job:
                    environment:
                      <<: *env
                      CHECKPOINT: /checkpoints
                    command: ["--conf", "spark.cores.max=${PARTITIONS}", "${MISSING:-fallback}", "$$HOME", "$PARTITIONS"]
                    healthcheck:
                      test: ["CMD-SHELL", "probe $${HOSTNAME}:7077"]
                      timeout: 1m30s
                """, "TOPIC=Pins\nPARTITIONS=\"2\"\n# a comment\n");

        assertThat(compose.command("job")).containsExactly("--conf", "spark.cores.max=2", "fallback", "$HOME", "2");
        assertThat(compose.environment("job")).isEqualTo(Map.of("TOPIC", "Pins", "CHECKPOINT", "/checkpoints"));
        assertThat(compose.healthCheck("job"))
                .isEqualTo(new ComposeFile.HealthCheck(
                        List.of("CMD-SHELL", "probe ${HOSTNAME}:7077"), Duration.ofSeconds(90)));
    }

    @Test
    void aVariableWithoutValueOrDefaultIsAnError() throws IOException {
        ComposeFile compose = compose("services:\n  job:\n    command: [\"${NOWHERE}\"]\n", "");

        assertThatThrownBy(() -> compose.command("job")).hasMessageContaining("${NOWHERE}");
    }

    private ComposeFile compose(String yaml, String dotEnv) throws IOException {
        Files.writeString(root.resolve("docker-compose.yml"), yaml);
        Files.writeString(root.resolve(".env"), dotEnv);
        return ComposeFile.of(root);
    }
}
