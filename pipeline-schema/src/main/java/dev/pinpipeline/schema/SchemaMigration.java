package dev.pinpipeline.schema;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link SchemaVersion#MIGRATOR_MAIN} (Flyway) as a child JVM, for callers that must not load Flyway themselves:
 * the Spark jobs' tests, cluster-it and {@code ./pipeline}. The child's classpath is this module's jar (or classes
 * directory) plus the libraries the build listed in {@code META-INF/pipeline-schema/migrator.classpath}, as local-infra
 * starts its servers.
 */
public final class SchemaMigration {

    static final String CLASSPATH_RESOURCE = "META-INF/pipeline-schema/migrator.classpath";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private SchemaMigration() {}

    /** Migrates the database to the latest schema and returns the migrator's output; throws with it when it fails. */
    public static String migrate(String jdbcUrl, String user, String password) {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath(),
                SchemaVersion.MIGRATOR_MAIN);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .putAll(Map.of("POSTGRES_URL", jdbcUrl, "POSTGRES_USER", user, "POSTGRES_PASSWORD", password));
        Path log = null;
        try {
            log = Files.createTempFile("schema-migration", ".log");
            Process process = builder.redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            boolean exited = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (!exited) {
                throw new IllegalStateException(
                        "The schema migration of " + jdbcUrl + " took over " + TIMEOUT + ": " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("The schema migration of " + jdbcUrl + " failed (exit code "
                        + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run the schema migration: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while migrating " + jdbcUrl, e);
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    static String classpath() {
        URL url = SchemaMigration.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (url == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is not on the classpath: build pipeline-schema "
                    + "(./mvnw -pl pipeline-schema install -DskipTests)");
        }
        List<Path> entries = new ArrayList<>();
        entries.add(moduleLocation(url));
        for (String library : read(url).split(File.pathSeparator)) {
            if (!library.isBlank()) {
                entries.add(Path.of(library));
            }
        }
        for (Path entry : entries) {
            if (!Files.exists(entry)) {
                throw new IllegalStateException(entry + " (on the schema migration's classpath) does not exist: "
                        + "rebuild pipeline-schema (./mvnw -pl pipeline-schema install -DskipTests)");
            }
        }
        return String.join(
                File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /** The jar holding the resource, or the classes directory it sits in. */
    private static Path moduleLocation(URL url) {
        try {
            if ("jar".equals(url.getProtocol())) {
                return Path.of(((JarURLConnection) url.openConnection())
                        .getJarFileURL()
                        .toURI());
            }
            Path path = Path.of(url.toURI());
            for (int i = 0; i < CLASSPATH_RESOURCE.split("/").length; i++) {
                path = path.getParent();
            }
            return path;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the module holding " + url, e);
        }
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
    }
}
