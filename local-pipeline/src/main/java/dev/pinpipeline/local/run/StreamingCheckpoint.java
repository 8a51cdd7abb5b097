package dev.pinpipeline.local.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where spark-streaming keeps its checkpoint in a data dir: one per topic, {@code spark/streaming-checkpoint/<topic>}.
 * A checkpoint remembers the offsets of the topic it was started on, and Spark refuses to resume it on another, so
 * {@code ./pipeline run --topic X} on a data dir used with another topic gets a checkpoint of its own.
 */
final class StreamingCheckpoint {

    static final String DIR = "spark/streaming-checkpoint";

    private StreamingCheckpoint() {}

    /**
     * The checkpoint directory of {@code topic}. A data dir of an earlier version holds one checkpoint directly in
     * {@value #DIR}: it is moved to the subdirectory of the topic its offsets name, so that topic resumes where it was.
     */
    public static Path of(Path dataDir, String topic) {
        Path root = dataDir.resolve(DIR);
        moveSingleCheckpoint(root);
        return root.resolve(topic);
    }

    private static void moveSingleCheckpoint(Path root) {
        if (!Files.isRegularFile(root.resolve("metadata"))) {
            return;
        }
        Optional<String> topic = topicOfOffsets(root.resolve("offsets"));
        if (topic.isEmpty()) {
            return; // nothing read yet: the job starts anew either way
        }
        try {
            Path moving = root.resolveSibling(root.getFileName() + ".moving");
            Files.move(root, moving);
            Files.createDirectories(root);
            Files.move(moving, root.resolve(topic.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot move the streaming checkpoint " + root + " to its topic's directory", e);
        }
    }

    /**
     * The topic named in the newest offsets file: its last line is the Kafka source's offsets as JSON,
     * {@code {"<topic>":{"0":123,…}}}.
     */
    static Optional<String> topicOfOffsets(Path offsets) {
        if (!Files.isDirectory(offsets)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(offsets)) {
            Optional<Path> newest = files.filter(f -> f.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingLong(
                            f -> Long.parseLong(f.getFileName().toString())));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            String last = Files.readAllLines(newest.get()).stream()
                    .filter(l -> l.startsWith("{\""))
                    .reduce((a, b) -> b)
                    .orElse("");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\{\"([a-zA-Z0-9._-]+)\":\\{")
                    .matcher(last);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the streaming checkpoint's offsets in " + offsets, e);
        }
    }
}
