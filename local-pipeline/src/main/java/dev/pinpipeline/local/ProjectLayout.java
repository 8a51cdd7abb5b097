package dev.pinpipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where things are in the project checkout: the jars the other modules build, the sample data, the data directory.
 * The root is the directory holding {@code mvnw} and {@code local-pipeline/}: the {@code pipeline.home} system
 * property (set by the {@code ./pipeline} script), else the first such directory above the working directory.
 */
public record ProjectLayout(Path root) {

    public static final String VERSION = "0.1.0-SNAPSHOT";

    public static ProjectLayout locate() {
        String home = System.getProperty("pipeline.home", System.getenv("PIPELINE_HOME"));
        if (home != null && !home.isBlank()) {
            return new ProjectLayout(Path.of(home).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("local-pipeline"))) {
                return new ProjectLayout(dir);
            }
        }
        throw new IllegalStateException("Cannot find the project root (a directory with mvnw and local-pipeline/): "
                + "run from inside the checkout or set PIPELINE_HOME");
    }

    public Path defaultDataDir() {
        return root.resolve(".local");
    }

    public Path realPins() {
        return root.resolve("data/real-pins");
    }

    public Path ingestApiJar() {
        return bootJar("ingest-api");
    }

    public Path batchConsumerJar() {
        return bootJar("batch-consumer");
    }

    public Path userEmulatorJar() {
        return bootJar("user-emulator");
    }

    private Path bootJar(String module) {
        return root.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    }

    /**
     * The classpath a Spark job module needs in local mode: its classes, then the jars listed in
     * target/local-classpath.txt (Spark included; see spark-job-parent).
     */
    public String sparkLocalClasspath(String module) {
        Path target = root.resolve(module).resolve("target");
        Path listing = target.resolve("local-classpath.txt");
        try {
            // build-classpath writes one line with the platform separator; accept one path per line as well.
            List<String> entries = Arrays.stream(
                            Files.readString(listing).split("[\\r\\n" + java.io.File.pathSeparator + "]"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toList());
            entries.add(0, target.resolve("classes").toString());
            return String.join(java.io.File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + listing + ": build the module first", e);
        }
    }

    /** What the local run needs that is not built yet; empty when everything is there. */
    public List<Path> missingArtifacts() {
        return Stream.of(
                        ingestApiJar(),
                        batchConsumerJar(),
                        userEmulatorJar(),
                        root.resolve("spark-streaming/target/local-classpath.txt"),
                        root.resolve("spark-streaming/target/classes"),
                        root.resolve("spark-batch/target/local-classpath.txt"),
                        root.resolve("spark-batch/target/classes"))
                .filter(p -> !Files.exists(p))
                .collect(Collectors.toList());
    }
}
