package dev.pinpipeline.clusterit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM on the cluster's Spark classpath ({@code SPARK_HOME/jars/*}) with Spark's Java 17 options, as
 * {@code spark-class} would start it; its output goes to {@code target/it-logs/<name>.log}.
 */
final class SparkProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private SparkProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code arguments}; {@code environment} is added to this JVM's environment,
     * a {@code null} value removes a variable.
     */
    static SparkProcess start(
            String name,
            SparkHome sparkHome,
            String heap,
            String mainClass,
            List<String> arguments,
            Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(Arrays.asList(
                System.getProperty("spark.java.options", "").trim().split("\\s+")));
        command.add("-cp");
        command.add(sparkHome.classpath());
        command.add(mainClass);
        command.addAll(arguments);
        try {
            Path logs = Files.createDirectories(Path.of("target", "it-logs"));
            Path log = logs.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(sparkHome.environment());
            environment.forEach((variable, value) -> {
                if (value == null) {
                    builder.environment().remove(variable);
                } else {
                    builder.environment().put(variable, value);
                }
            });
            Process process = builder.start();
            // A test JVM that ends without closing it (a timeout, a crash) must not leave a Spark daemon behind.
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                process.descendants().forEach(ProcessHandle::destroyForcibly);
                                process.destroyForcibly();
                            },
                            "stop-" + name));
            return new SparkProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Waits for the process to end; its exit code, or empty when it still runs after {@code seconds}. */
    java.util.OptionalInt waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS)
                ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The log's last {@code count} lines, for a failure message. */
    String logTail(int count) {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    String describe() {
        return name + " (pid " + process.pid() + ", log " + log.toAbsolutePath() + ")";
    }

    /** SIGTERM (Spark's shutdown hooks run), then SIGKILL if it is still there after 30 s; its children too. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }
}
