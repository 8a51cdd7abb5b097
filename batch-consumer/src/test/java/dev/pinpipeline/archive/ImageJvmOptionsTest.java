package dev.pinpipeline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JVM options of the image's ENTRYPOINT (the JIT thresholds, which bench/archive/run.sh runs with too): a JVM
 * refuses an option it does not know, so a misspelt one would stop the container at start.
 */
class ImageJvmOptionsTest {

    private static final Path DOCKERFILE = Path.of("Dockerfile");

    @Test
    void entrypointRunsTheJarWithJvmOptionsOnly() throws IOException {
        List<String> entrypoint = entrypoint();

        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
                .containsExactly("-jar", "/app/batch-consumer.jar");
        assertThat(jvmOptions())
                .isNotEmpty()
                .allSatisfy(option -> assertThat(option).startsWith("-XX:"));
    }

    @Test
    @Timeout(60)
    void theJvmAcceptsTheEntrypointOptionsAndSetsTheC2Thresholds() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        for (String option : jvmOptions()) {
            String[] nameAndValue = option.substring("-XX:".length()).split("=", 2);
            assertThat(output)
                    .containsPattern("(?m)^\\s*\\S+\\s+" + nameAndValue[0] + "\\s+= " + nameAndValue[1]
                            + "\\s+\\{.*\\{command line\\}");
        }
    }

    /** What the ENTRYPOINT (of the last stage, the image's) puts between {@code java} and {@code -jar}. */
    private static List<String> jvmOptions() throws IOException {
        List<String> entrypoint = entrypoint();
        return entrypoint.subList(1, entrypoint.indexOf("-jar"));
    }

    private static List<String> entrypoint() throws IOException {
        String line = Files.readAllLines(DOCKERFILE).stream()
                .filter(l -> l.startsWith("ENTRYPOINT "))
                .reduce((first, last) -> last)
                .orElseThrow();
        return List.of(JsonMapper.builder().build().readValue(line.substring("ENTRYPOINT ".length()), String[].class));
    }
}
