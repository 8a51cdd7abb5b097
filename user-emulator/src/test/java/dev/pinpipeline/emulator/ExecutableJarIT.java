package dev.pinpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.emulator.source.PinFiles;
import dev.pinpipeline.emulator.source.ShuffledReplay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The packaged jar, run as users run it: {@code java -jar}, with the real sample inside. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExecutableJarIT {

    private FakeIngestApi api;

    @BeforeEach
    void startApi() throws IOException {
        api = new FakeIngestApi();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void helpExplainsTheOptions() throws Exception {
        Result result = run(List.of("--help"), null);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("Usage: user-emulator").contains("--bulk-size", "Examples:");
    }

    @Test
    void theJarPostsTheRealSampleShippedInsideIt() throws Exception {
        Result result = run(List.of("--url", api.url(), "--count", "50", "--seed", "9", "--rate", "0"), null);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        ShuffledReplay replay = new ShuffledReplay(PinFiles.realSample(), 9, "sample");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(replay.next());
        }
        assertThat(api.storedBodies()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.stderr()).contains("real sample, 1077 pins", "seed 9", "accepted  50", "lost      0");
    }

    @Test
    void stoppingTheProcessPrintsTheSummaryWithEveryPinSettled() throws Exception {
        Result result = run(List.of("--url", api.url(), "--rate", "200", "--no-progress"), process -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (api.stored().size() < 30 && process.isAlive()) {
                assertThat(System.nanoTime()).as("30 pins stored within 60 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook drains and prints the summary
        });

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("user-emulator: stopped after", "lost      0");
        assertThat(result.stderr())
                .contains("accepted  " + String.format("%,d", api.stored().size()));
    }

    private interface WhileRunning {
        void accept(Process process) throws Exception;
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(List<String> args, WhileRunning whileRunning) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(args);
        Path out = Files.createTempFile("emulator", ".out");
        Path err = Files.createTempFile("emulator", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            if (whileRunning != null) {
                whileRunning.accept(process);
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the emulator ends")
                    .isTrue();
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("user-emulator-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no jar in target/: run mvn package first"));
        }
    }
}
