package dev.pinpipeline.clusterit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Spark installation made of the Maven Central jars: {@code jars/} holds links to Spark's classpath (the jars
 * the apache/spark image has, and no job dependency), {@code RELEASE} tells Spark's launcher to use {@code jars/}
 * rather than a source build's directories. The Worker needs it to start executors.
 */
record SparkHome(Path root) {

    /**
     * Builds {@code target/spark-home} from the classpath file written by the build (spark.classpath.file); its
     * {@code jars/} anew, so that no jar of an earlier classpath stays.
     */
    static SparkHome create() {
        try {
            Path root = Path.of("target", "spark-home").toAbsolutePath();
            deleteRecursively(root.resolve("jars"));
            Path jars = Files.createDirectories(root.resolve("jars"));
            String classpath = Files.readString(Path.of(System.getProperty("spark.classpath.file")))
                    .trim();
            for (String jar : classpath.split(File.pathSeparator)) {
                Files.createSymbolicLink(jars.resolve(Path.of(jar).getFileName()), Path.of(jar));
            }
            Path release = root.resolve("RELEASE");
            if (!Files.exists(release)) {
                Files.createFile(release);
            }
            return new SparkHome(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the Worker's {@code work/}: executor logs and a copy of each application's jar (~100 MB a run). */
    void deleteWorkDirectory() {
        try {
            deleteRecursively(root.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and what it holds; links are deleted, not followed. */
    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    String classpath() {
        return root.resolve("jars") + File.separator + "*";
    }

    Map<String, String> environment() {
        return Map.of("SPARK_HOME", root.toString(), "SPARK_SCALA_VERSION", "2.13");
    }
}
