package dev.pinpipeline.local.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.process.JavaCommand;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pipeline batch} as a user runs it: the launcher jar, its Spark job as a child process. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@EnabledOnOs(OS.LINUX) // finds the Spark process by its command line in /proc
class BatchCommandIT {

    @TempDir
    Path dataDir;

    private Process launcher;
    private ProcessHandle sparkJob;

    @AfterEach
    void killWhatIsLeft() {
        if (launcher != null) {
            launcher.destroyForcibly();
        }
        if (sparkJob != null) {
            sparkJob.destroyForcibly();
        }
    }

    @Test
    void aSigkilledBatchLeavesNoSparkJobBehind() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path jar = root.resolve("local-pipeline/target/local-pipeline-" + ProjectLayout.VERSION + ".jar");
        assertThat(jar).as("the launcher jar (package phase)").exists();
        Path log = dataDir.resolve("batch-command.log");
        // A day without its _SUCCESS marker, waited for 10 minutes: the job stays up until it is killed.
        launcher = new ProcessBuilder(
                        JavaCommand.javaExecutable(),
                        "-Xmx256m",
                        "-Dpipeline.home=" + root,
                        "-jar",
                        jar.toString(),
                        "batch",
                        "--data-dir",
                        dataDir.resolve("data").toString(),
                        "--s3-port",
                        Integer.toString(freePort()),
                        "--date",
                        "2026-01-01",
                        "--require-success",
                        "--",
                        "--wait-for-success=10m")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        sparkJob = await("the Spark job started by the launcher, see " + log)
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sparkJobOf(launcher.toHandle()), Optional::isPresent)
                .get();
        // Spark is up and waiting for the marker, not merely starting: the fault happens to a running job.
        await("the job waits for the day's _SUCCESS, see " + log)
                .atMost(Duration.ofSeconds(120))
                .until(() -> Files.readString(log).contains("Waiting up to"));
        assertThat(sparkJob.isAlive()).isTrue();

        launcher.destroyForcibly(); // SIGKILL: no shutdown hook of the launcher runs
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();

        await("the Spark job " + sparkJob.pid() + " ends with its launcher")
                .atMost(Duration.ofSeconds(60))
                .until(() -> !sparkJob.isAlive());
    }

    private static Optional<ProcessHandle> sparkJobOf(ProcessHandle launcher) {
        return launcher.descendants()
                .filter(p -> commandLine(p).contains("dev.pinpipeline.batch.job.DailyBatchJob"))
                .findFirst();
    }

    /** The whole command line: ProcessHandle.Info cuts it at 4 kB, before the main class of a Spark job. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // it ended
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
