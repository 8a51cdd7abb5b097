package dev.pinpipeline.emulator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinFilesTest {

    private static final Path REAL_PINS = Path.of("../data/real-pins");

    @Test
    void realSampleHasEveryRecordOfBothFilesInFileOrder() throws IOException {
        List<String> sample = PinFiles.realSample();

        assertThat(sample).hasSize(1_077);
        assertThat(sample.subList(0, 200))
                .allSatisfy(pin -> assertThat(pin).startsWith("{\"category\": ").doesNotContain("poster_name"));
        assertThat(sample.subList(200, 1_077))
                .allSatisfy(pin -> assertThat(pin).startsWith("{\"index\": ").contains("\"poster_name\""));
        assertThat(sample.get(0)).contains("\"index\": 7528", "fbe53c66-3442-4773-b19e-d3ec6f54dddf");
        assertThat(sample)
                .containsExactlyElementsOf(Stream.concat(
                                lines(REAL_PINS.resolve("pins-v1-200-emulator-order.jsonl")).stream(),
                                lines(REAL_PINS.resolve("pins-v2-877.jsonl")).stream())
                        .toList());
    }

    @Test
    void everySampleFileInTheRepositoryIsShippedInTheJar() throws IOException {
        try (Stream<Path> files = Files.list(REAL_PINS)) {
            List<String> names = files.map(file -> "real-pins/" + file.getFileName())
                    .filter(name -> name.endsWith(".jsonl"))
                    .sorted()
                    .toList();
            assertThat(PinFiles.SAMPLE_RESOURCES).containsExactlyElementsOf(names);
        }
        for (String resource : PinFiles.SAMPLE_RESOURCES) {
            assertThat(PinFiles.class.getClassLoader().getResource(resource))
                    .as(resource)
                    .isNotNull();
        }
    }

    @Test
    void pinsAreKeptExactlyAsWrittenIncludingNoBreakSpacesAndFieldOrder() {
        List<String> sample = PinFiles.realSample();

        assertThat(sample).anySatisfy(pin -> assertThat(pin).contains("…\u00A0\""));
        assertThat(sample.get(0))
                .isEqualTo(lines(REAL_PINS.resolve("pins-v1-200-emulator-order.jsonl"))
                        .get(0));
    }

    @Test
    void readsAJsonLinesFileSkippingBlankLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pins.jsonl");
        Files.writeString(file, "{\"index\":1,\"unique_id\":\"a\"}\n\n  \n{\"index\": 2}\r\n", StandardCharsets.UTF_8);

        assertThat(PinFiles.read(file)).containsExactly("{\"index\":1,\"unique_id\":\"a\"}", "{\"index\": 2}");
    }

    @Test
    void aLineThatIsNotJsonIsNamedWithItsLineNumber() {
        assertThatThrownBy(() -> PinFiles.read(new StringReader("{\"index\":1}\n{\"index\":\n"), "pins.jsonl"))
                .isInstanceOf(PinFileException.class)
                .hasMessageStartingWith("pins.jsonl:2: not valid JSON");
    }

    @Test
    void aLineThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> PinFiles.read(new StringReader("[{\"index\":1}]\n"), "pins.jsonl"))
                .isInstanceOf(PinFileException.class)
                .hasMessage("pins.jsonl:1: not a JSON object (one pin per line expected)");
    }

    @Test
    void aMissingOrEmptyFileIsRefused(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");

        assertThatThrownBy(() -> PinFiles.read(dir.resolve("missing.jsonl")))
                .isInstanceOf(PinFileException.class)
                .hasMessageEndingWith("missing.jsonl: no such file");
        assertThatThrownBy(() -> PinFiles.read(empty))
                .isInstanceOf(PinFileException.class)
                .hasMessageEndingWith("empty.jsonl: no pins (the file is empty)");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
