package dev.pinpipeline.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts services as child processes, each writing to its own log file, and stops them in reverse order.
 * A child gets this launcher's environment with the given variables set over it.
 */
public final class Supervisor implements AutoCloseable {

    private final Path logDir;
    private final Path workDir;
    private final List<ChildProcess> children = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();

    /** How a child was started, to start it again the same way. */
    private record Launch(List<String> command, Map<String, String> environment) {}

    public Supervisor(Path logDir, Path workDir) {
        this.logDir = logDir;
        this.workDir = workDir;
    }

    public ChildProcess start(String name, List<String> command, Map<String, String> environment) {
        Launch launch = new Launch(List.copyOf(command), Map.copyOf(environment));
        launches.put(name, launch);
        ChildProcess child = spawn(name, launch);
        children.add(child);
        return child;
    }

    /**
     * Starts a child that ended on its own again, with the same command line and environment, its log appended to;
     * the new process takes the old one's place among the children.
     */
    public ChildProcess restart(ChildProcess ended) {
        ChildProcess child = spawn(ended.name(), launches.get(ended.name()));
        synchronized (children) {
            int index = children.indexOf(ended);
            if (index < 0) {
                children.add(child);
            } else {
                children.set(index, child);
            }
        }
        return child;
    }

    private ChildProcess spawn(String name, Launch launch) {
        List<String> command = launch.command();
        try {
            Files.createDirectories(logDir);
            Path logFile = logDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(launch.environment());
            Files.writeString(
                    logFile,
                    "=== " + java.time.Instant.now() + " " + describe(command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The command line for the log, a long class path shortened to its size (a Spark job's is ~20 kB). */
    static String describe(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        for (int i = 1; i < shown.size(); i++) {
            String previous = shown.get(i - 1);
            if ((previous.equals("-cp") || previous.equals("-classpath"))
                    && shown.get(i).length() > 200) {
                shown.set(i, "<" + shown.get(i).split(java.io.File.pathSeparator).length + " class path entries>");
            }
        }
        return String.join(" ", shown);
    }

    /** A service that ended without being asked to, if any. */
    public Optional<ChildProcess> unexpectedExit() {
        synchronized (children) {
            return children.stream().filter(ChildProcess::exitedOnItsOwn).findFirst();
        }
    }

    public List<ChildProcess> children() {
        synchronized (children) {
            return List.copyOf(children);
        }
    }

    /** Stops every child, the last started first. */
    @Override
    public void close() {
        List<ChildProcess> reversed = new ArrayList<>(children());
        Collections.reverse(reversed);
        for (ChildProcess child : reversed) {
            child.stop(Duration.ofSeconds(15));
        }
    }
}
