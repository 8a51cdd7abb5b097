package dev.pinpipeline.infra;

import dev.pinpipeline.infra.process.ServerLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * One local server: a separate JVM process started from its own classpath. {@link #stop()} then {@link #start()}
 * brings it back on the same port with the same data, so tests can take a server away mid-test.
 */
public abstract sealed class LocalServer permits LocalKafka, LocalS3, LocalPostgres {

    private final Server server;
    private final Path dataDir;
    private final LaunchOptions launch;
    private int port;
    private ServerProcess process;
    private boolean everStarted;

    LocalServer(Server server, Path dataDir, int port, LaunchOptions launch) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.launch = launch;
    }

    /** Starts the server and waits until it is healthy; does nothing if it is running. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            process = ServerProcess.start(
                    server.displayName(),
                    serverModule(),
                    serverClass(),
                    allJvmOptions(),
                    launcherSettings(),
                    serverDir(),
                    logFile(),
                    launch.startTimeout());
        } catch (LocalInfraException e) {
            if (FreePorts.isListening(port())) {
                throw new LocalInfraException("Port " + port + " is in use by another process. " + e.getMessage(), e);
            }
            throw e;
        }
        everStarted = true;
    }

    /** Stops the server (its data stays); does nothing if it is not running. */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    /**
     * Kills the server abruptly (SIGKILL), as a crash would: no shutdown, nothing flushed beyond what the server
     * had written. {@link #start()} brings it back with what it had persisted.
     */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
        afterKill();
    }

    /** What else must die with the server process (PostgreSQL's own processes). */
    void afterKill() {}

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The port it listens on; a free one is chosen on first use when configured as 0, then kept. */
    public synchronized int port() {
        if (port == 0) {
            port = FreePorts.pick();
        }
        return port;
    }

    public Server server() {
        return server;
    }

    /** Where this server keeps its data between starts. */
    public Path serverDir() {
        return dataDir.resolve(name());
    }

    /** The server process's output (appended at each start). */
    public Path logFile() {
        return dataDir.resolve("logs").resolve(name() + ".log");
    }

    /** The server process's id, or -1 when it is not running. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /**
     * Starts the server the first time it is called, then does nothing: lazy accessors use this, so a server a
     * test stopped on purpose stays stopped until the test starts it again.
     */
    public synchronized void startOnce() {
        if (!everStarted) {
            start();
        }
    }

    /** One line for humans: what it is and how to reach it. */
    public abstract String describe();

    abstract String serverModule();

    abstract String serverClass();

    /** The server's own JVM options (heap, logging). */
    abstract List<String> jvmOptions();

    /** The settings its launcher class reads (ports, directories, credentials). */
    abstract Properties settings();

    private Properties launcherSettings() {
        Properties settings = settings();
        settings.setProperty(ServerLauncher.SERVER_NAME, name());
        if (launch.temporaryData()) {
            settings.setProperty(ServerLauncher.TEMPORARY_DATA_ROOT, dataDir.toString());
        }
        return settings;
    }

    private String name() {
        return server.name().toLowerCase(Locale.ROOT);
    }

    private List<String> allJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true"));
        if (!launch.fullJit()) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        options.addAll(jvmOptions());
        return options;
    }

    String host() {
        return "127.0.0.1";
    }

    @Override
    public String toString() {
        return describe();
    }
}
