package dev.pinpipeline.archive.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The batch-consumer as its own process ({@code java -jar} of the jar built by {@code package}), so a test can
 * kill it with SIGKILL. Output goes to {@code target/archiver-logs/}.
 */
final class ArchiverProcess implements AutoCloseable {

    private static final List<ArchiverProcess> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static int launched;

    private final Process process;
    private final int port;
    private final Path log;

    private ArchiverProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param environment the shared environment variables (Kafka, S3, topic)
     * @param settings    {@code archive.*} and other Spring properties, passed as {@code --key=value}
     */
    static ArchiverProcess start(String name, Map<String, String> environment, Map<String, String> settings) {
        try {
            int port = freePort();
            Path logs = Files.createDirectories(Path.of("target", "archiver-logs"));
            Path log = logs.resolve(name + "-" + (++launched) + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto",
                    "-jar",
                    jar().toString(),
                    "--server.port=" + port));
            settings.forEach((key, value) -> command.add("--" + key + "=" + value));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            ArchiverProcess archiver = new ArchiverProcess(builder.start(), port, log);
            STARTED.add(archiver);
            return archiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("batch-consumer-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("run `mvn package` first: no target/batch-consumer-*.jar"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILLs every archiver a test started and left running (e.g. when it failed before its try-with-resources). */
    static void killAll() throws InterruptedException {
        for (ArchiverProcess archiver : STARTED) {
            archiver.close();
        }
        STARTED.clear();
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a graceful shutdown that leaves the group. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** GET on the actuator; empty string while the server is not up. */
    String get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Waits until the actuator answers, i.e. the archiver has started. */
    ArchiverProcess awaitStarted() {
        // ~10 s alone; minutes on a machine shared with other builds
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !isAlive() || get("/actuator/health").contains("status"));
        if (!isAlive()) {
            throw new IllegalStateException("the archiver exited; see " + log);
        }
        return this;
    }

    /** The partitions this instance reports as assigned in its health details. */
    int assignedPartitions() {
        String health = get("/actuator/health");
        int start = health.indexOf("\"assignedPartitions\":[");
        if (start < 0) {
            return -1;
        }
        String list = health.substring(start + 22, health.indexOf(']', start));
        return list.isBlank() ? 0 : list.split(",").length;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
