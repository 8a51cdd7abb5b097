package dev.pinpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line: defaults, help, and a clear one-line error (exit 2) for every bad option. */
class UserEmulatorOptionsTest {

    @Test
    void defaultsRunUntilStoppedAtTenPinsPerSecondOnTheRealSample() {
        UserEmulator emulator = new UserEmulator();
        new CommandLine(emulator).parseArgs();

        assertThat(emulator.rate).isEqualTo(10);
        assertThat(emulator.limit.count).isNull();
        assertThat(emulator.limit.duration).isNull();
        assertThat(emulator.data.file).isNull();
        assertThat(emulator.data.generate).isFalse();
        assertThat(emulator.concurrency).isEqualTo(16);
        assertThat(emulator.bulkSize).isEqualTo(1);
        assertThat(emulator.seed).isNull();
        assertThat(emulator.retryFor).isEqualTo(Duration.ofMinutes(5));
        assertThat(emulator.url.toString())
                .isEqualTo(System.getenv().getOrDefault("INGEST_URL", "http://localhost:8080"));
    }

    @Test
    void optionsAreParsed() {
        UserEmulator emulator = new UserEmulator();
        new CommandLine(emulator)
                .parseArgs(
                        "-u",
                        "http://ingest:9000/",
                        "-k",
                        "secret",
                        "-r",
                        "2500",
                        "-d",
                        "1h30m",
                        "-c",
                        "64",
                        "-b",
                        "500",
                        "-s",
                        "42",
                        "--generate",
                        "--retry-for",
                        "90s",
                        "--timeout",
                        "PT5S");

        assertThat(emulator.url.toString()).isEqualTo("http://ingest:9000/");
        assertThat(emulator.apiKey).isEqualTo("secret");
        assertThat(emulator.rate).isEqualTo(2500);
        assertThat(emulator.limit.duration).isEqualTo(Duration.ofMinutes(90));
        assertThat(emulator.concurrency).isEqualTo(64);
        assertThat(emulator.bulkSize).isEqualTo(500);
        assertThat(emulator.seed).isEqualTo(42);
        assertThat(emulator.data.generate).isTrue();
        assertThat(emulator.retryFor).isEqualTo(Duration.ofSeconds(90));
        assertThat(emulator.timeout).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void helpListsEveryOptionAndExamples() {
        EmulatorRun run = EmulatorRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "--rate",
                        "--count",
                        "--duration",
                        "--concurrency",
                        "--bulk-size",
                        "--url",
                        "--api-key",
                        "X-API-Key",
                        "--seed",
                        "--data",
                        "--generate",
                        "INGEST_URL",
                        "Examples:",
                        "Exit codes");
    }

    @Nested
    class BadOptions {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                --rate -1                        | --rate must be 0 (no limit) or a positive number
                --rate fast                      | Invalid value for option '--rate': 'fast' is not a double
                --count 0                        | --count must be at least 1, not 0
                --count 10 --duration 5s         | --count=N, --duration=DURATION are mutually exclusive
                --duration 5x                    | '5x' is not a duration (examples: 500ms, 30s, 5m, 1h30m, PT30S)
                --duration 0s                    | --duration must be positive
                --concurrency 0                  | --concurrency must be between 1 and 4096, not 0
                --bulk-size 0                    | --bulk-size must be between 1 and 100000, not 0
                --bulk-size many                 | Invalid value for option '--bulk-size': 'many' is not an int
                --url ftp://host                 | --url must be an http(s) URL such as http://localhost:8080
                --url localhost:8080             | --url must be an http(s) URL
                --retry-for 100ms                | --retry-for must be at least 500ms
                --data a.jsonl --generate        | --data=FILE, --generate are mutually exclusive
                --seed x                         | Invalid value for option '--seed': 'x' is not a long
                --speed 3                        | Unknown options: '--speed', '3'
                """)
        void aBadOptionGivesOneClearLineAndExitCode2(String args, String message) {
            EmulatorRun run = EmulatorRun.of(args.split(" "));

            assertThat(run.exitCode()).isEqualTo(UserEmulator.INVALID);
            assertThat(run.err())
                    .startsWith("user-emulator: ")
                    .contains(message)
                    .contains("Try 'user-emulator --help' for the options.")
                    .doesNotContain("Exception");
        }

        @Test
        void aDataFileThatIsNotJsonLinesGivesItsLineAndExitCode2(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("pins.jsonl"), "{\"index\":1}\nnot json\n");

            EmulatorRun run = EmulatorRun.of("--data", file.toString(), "--count", "1");

            assertThat(run.exitCode()).isEqualTo(UserEmulator.INVALID);
            assertThat(run.err()).startsWith("user-emulator: " + file + ":2: not valid JSON");
        }

        @Test
        void aMissingDataFileGivesExitCode2(@TempDir Path dir) {
            EmulatorRun run = EmulatorRun.of("--data", dir.resolve("nope.jsonl").toString());

            assertThat(run.exitCode()).isEqualTo(UserEmulator.INVALID);
            assertThat(run.err()).contains("nope.jsonl: no such file");
        }
    }
}
