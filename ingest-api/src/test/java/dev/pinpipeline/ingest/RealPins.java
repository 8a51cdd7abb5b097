package dev.pinpipeline.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real sample (data/real-pins/), line by line, exactly as the original emulator posted it. */
public final class RealPins {

    public static final Path DIRECTORY = Path.of("../data/real-pins");

    public static final String NEWER = "pins-v2-877.jsonl";

    public static final String OLDER = "pins-v1-200-emulator-order.jsonl";

    private RealPins() {}

    /** Every record of both files (877 newer, then 200 older). */
    public static List<String> all() {
        List<String> lines = new ArrayList<>(lines(NEWER));
        lines.addAll(lines(OLDER));
        return lines;
    }

    public static List<String> lines(String file) {
        try {
            return Files.readAllLines(DIRECTORY.resolve(file), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static String first(String file) {
        return lines(file).get(0);
    }
}
