package dev.pinpipeline.local.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One service started by the launcher, its log file, and how to stop it. */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private volatile boolean stopping;

    ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** True when it ended without being asked to. */
    public boolean exitedOnItsOwn() {
        return !stopping && !process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM to the process and its descendants, then SIGKILL after the grace period. */
    public void stop(Duration grace) {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Waits for a normal end (a job, the emulator). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }
}
