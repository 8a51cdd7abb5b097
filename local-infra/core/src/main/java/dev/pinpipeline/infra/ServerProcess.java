package dev.pinpipeline.infra;

import dev.pinpipeline.infra.process.ServerLauncher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One running server JVM, seen from the parent: started with its output appended to a log file, ready once
 * the log shows {@link ServerLauncher#READY_MARKER}, stopped through its stdin.
 */
final class ServerProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final Path logFile;

    private ServerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.logFile = logFile;
    }

    /** Starts {@code serverClass} in a new JVM (via {@link ServerLauncher}) and waits until it reports ready. */
    static ServerProcess start(
            String name,
            String serverModule,
            String serverClass,
            List<String> jvmOptions,
            Properties settings,
            Path workDir,
            Path logFile,
            Duration timeout) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            Path settingsFile = workDir.resolve("launcher.properties");
            try (OutputStream out = Files.newOutputStream(settingsFile)) {
                settings.store(out, "Settings for " + serverClass + ", written by local-infra at every start");
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(ServerClasspath.of(serverModule));
            command.add(ServerLauncher.class.getName());
            command.add(serverClass);
            command.add(settingsFile.toString());

            Files.writeString(
                    logFile,
                    "%n=== local-infra: starting %s at %s%n".formatted(name, Instant.now()),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            long logStart = Files.size(logFile);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            ServerProcess server = new ServerProcess(name, process, logFile);
            server.awaitReady(logStart, timeout);
            return server;
        } catch (IOException e) {
            throw new LocalInfraException(
                    "Could not start " + name + ": " + e.getMessage() + " (log: " + logFile + ")", e);
        }
    }

    private void awaitReady(long logStart, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (logSince(logStart).contains(ServerLauncher.READY_MARKER)) {
                return;
            }
            if (!process.isAlive()) {
                throw new LocalInfraException(name + " exited with code " + process.exitValue()
                        + " before it was ready. Log " + logFile + ", last lines:\n" + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                destroy();
                throw new LocalInfraException(name + " was not ready within " + timeout.toSeconds() + " s. Log "
                        + logFile + ", last lines:\n" + logTail());
            }
            sleep(100);
        }
    }

    /** Asks the server to stop (a stop command, then EOF on its stdin) and waits; kills it if it does not stop in time. */
    void stop() {
        try {
            stdin.write((ServerLauncher.STOP_COMMAND + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.close();
        } catch (IOException alreadyGone) {
            // The process exited on its own: nothing to ask.
        }
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                destroy();
            }
        } catch (InterruptedException e) {
            destroy();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void destroy() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    private String logSince(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, Integer.MAX_VALUE)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalInfraException("Interrupted while waiting for a server", e);
        }
    }
}
