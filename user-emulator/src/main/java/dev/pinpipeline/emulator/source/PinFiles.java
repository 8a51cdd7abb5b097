package dev.pinpipeline.emulator.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON-lines pin files: one pin per line, blank lines skipped. Each line is checked to be a JSON object
 * and is then kept as it is written (field order, spacing and escapes), so it is posted exactly as in the file.
 */
public final class PinFiles {

    /** The real sample shipped in the jar (copied from data/real-pins/ by the build), in this order. */
    static final List<String> SAMPLE_RESOURCES =
            List.of("real-pins/pins-v1-200-emulator-order.jsonl", "real-pins/pins-v2-877.jsonl");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PinFiles() {}

    /** The 1 077 real pins: 200 older records (without poster_name) then 877 newer ones. */
    public static List<String> realSample() {
        List<String> pins = new ArrayList<>();
        for (String resource : SAMPLE_RESOURCES) {
            InputStream in = PinFiles.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new PinFileException("the real sample is missing from the classpath: " + resource);
            }
            pins.addAll(read(new InputStreamReader(in, StandardCharsets.UTF_8), resource));
        }
        return pins;
    }

    /** All pins of a JSON-lines file (UTF-8). */
    public static List<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PinFileException(file + ": no such file");
        }
        try {
            return read(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new PinFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static List<String> read(Reader source, String name) {
        List<String> pins = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(source)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String pin = line.strip();
                if (!pin.isEmpty()) {
                    requireJsonObject(pin, name, lineNumber);
                    pins.add(pin);
                }
            }
        } catch (IOException e) {
            throw new PinFileException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (pins.isEmpty()) {
            throw new PinFileException(name + ": no pins (the file is empty)");
        }
        return pins;
    }

    private static void requireJsonObject(String line, String name, int lineNumber) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new PinFileException(name + ":" + lineNumber + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new PinFileException(name + ":" + lineNumber + ": not a JSON object (one pin per line expected)");
        }
    }
}
