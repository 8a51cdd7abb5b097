package dev.pinpipeline.clusterit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A compose {@code healthcheck.test} run as Docker runs it in the container: {@code CMD-SHELL} through
 * {@code /bin/sh -c}, {@code CMD} executed as is, with the service's {@link SparkService.Substitutions}, and
 * {@code hostname} answering the service's address as in its container. Killed after the check's {@code timeout}
 * (a failure, as in Docker).
 *
 * @param exitCode the check's exit code; {@link #TIMED_OUT} when it outlasted the check's timeout
 */
record HealthCheckRun(List<String> command, int exitCode, String output) {

    static final int TIMED_OUT = -1;

    boolean passed() {
        return exitCode == 0;
    }

    boolean timedOut() {
        return exitCode == TIMED_OUT;
    }

    static HealthCheckRun run(
            ComposeFile.HealthCheck check, SparkService.Substitutions substitutions, String hostAddress) {
        List<String> test = check.test();
        List<String> command = new ArrayList<>();
        switch (test.get(0)) {
            case "CMD-SHELL" ->
                command.addAll(List.of(
                        "/bin/sh", "-c", substitutions.apply(String.join(" ", test.subList(1, test.size())))));
            case "CMD" -> command.addAll(substitutions.apply(test.subList(1, test.size())));
            default -> throw new IllegalStateException("not a runnable health check: " + test);
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PATH", hostnameShim(hostAddress) + ":" + System.getenv("PATH"));
            Process process = builder.start();
            process.getOutputStream().close();
            boolean ended = process.waitFor(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new HealthCheckRun(command, ended ? process.exitValue() : TIMED_OUT, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A directory holding a {@code hostname} that prints the service's address ({@code hostname}, {@code -i}, {@code -I}). */
    private static Path hostnameShim(String hostAddress) throws IOException {
        Path directory = Files.createDirectories(
                Path.of("target", "hostname-" + hostAddress).toAbsolutePath());
        Path hostname = directory.resolve("hostname");
        Files.writeString(hostname, "#!/bin/sh\necho " + hostAddress + "\n");
        Files.setPosixFilePermissions(hostname, PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
    }

    @Override
    public String toString() {
        return command + " → exit " + exitCode + (output.isBlank() ? "" : ": " + output.strip());
    }
}
