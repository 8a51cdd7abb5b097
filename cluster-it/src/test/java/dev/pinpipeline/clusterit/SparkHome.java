package dev.pinpipeline.clusterit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Spark installation made of the Maven Central jars: {@code jars/} holds links to Spark's classpath (the jars
 * the apache/spark image has, and no job dependency), {@code RELEASE} tells Spark's launcher to use {@code jars/}
 * rather than a source build's directories. The Worker needs it to start executors.
 */
record SparkHome(Path root) {

    /** Builds {@code target/spark-home} from the classpath file written by the build (spark.classpath.file). */
    static SparkHome create() {
        try {
            Path root = Path.of("target", "spark-home").toAbsolutePath();
            Path jars = Files.createDirectories(root.resolve("jars"));
            String classpath = Files.readString(Path.of(System.getProperty("spark.classpath.file"))).trim();
            for (String jar : classpath.split(File.pathSeparator)) {
                Path link = jars.resolve(Path.of(jar).getFileName());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, Path.of(jar));
                }
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

    String classpath() {
        return root.resolve("jars") + File.separator + "*";
    }

    Map<String, String> environment() {
        return Map.of("SPARK_HOME", root.toString(), "SPARK_SCALA_VERSION", "2.13");
    }
}
