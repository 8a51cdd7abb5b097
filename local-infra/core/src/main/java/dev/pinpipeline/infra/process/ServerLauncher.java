package dev.pinpipeline.infra.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The main class of every server process: {@code ServerLauncher <server class> <settings file>}.
 *
 * <p>The server class has a public constructor taking the settings as {@link Properties} and implements
 * {@code Callable<AutoCloseable>}: {@code call()} starts the server, returns once it is healthy, and the
 * returned handle stops it. The launcher then prints {@link #READY_MARKER} for the parent to see.
 *
 * <p>The parent keeps this process's stdin open for as long as it wants the server. When stdin reaches EOF the
 * launcher exits and its shutdown hook stops the server: after the parent sent {@link #STOP_COMMAND} (a
 * deliberate stop), or because the parent died, even by SIGKILL. That is what keeps a crashed JVM from leaving
 * servers (and their ports) behind. When the parent dies and its data was temporary
 * ({@value #TEMPORARY_DATA_ROOT} is set), the launcher also deletes this server's data and log.
 */
public final class ServerLauncher {

    private static final String PREFIX = "local-infra: ";
    /** What the line printed once the server is healthy contains. */
    public static final String READY_MARKER = PREFIX + "server ready";
    /** The line the parent writes on stdin before closing it to stop the server on purpose. */
    public static final String STOP_COMMAND = "stop";
    /** Setting: the temporary data dir of the parent, to clean up if the parent goes away without stopping us. */
    public static final String TEMPORARY_DATA_ROOT = "launcher.temporaryDataRoot";
    /** Setting: this server's name: its data is {@code <root>/<name>}, its log {@code <root>/logs/<name>.log}. */
    public static final String SERVER_NAME = "launcher.serverName";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final AtomicBoolean stopRequested = new AtomicBoolean();

    private ServerLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ServerLauncher <server class> <settings file>");
            System.exit(2);
        }
        Properties settings = loadSettings(Path.of(args[1]));
        ignoreCtrlC();
        exitWhenParentLetsGo();

        AtomicReference<AutoCloseable> running = new AtomicReference<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop(running.get());
                            if (!stopRequested.get()) {
                                deleteTemporaryData(settings);
                            }
                        },
                        "local-infra-stop"));

        Callable<AutoCloseable> server = instantiate(args[0], settings);
        long started = System.nanoTime();
        try {
            running.set(server.call());
        } catch (Throwable e) {
            say("server failed to start");
            e.printStackTrace(System.out);
            System.exit(1);
        }
        say(READY_MARKER.substring(PREFIX.length()) + " in %.1f s".formatted((System.nanoTime() - started) / 1e9));
        new CountDownLatch(1).await();
    }

    /**
     * Ctrl-C in a terminal interrupts the whole process group: the caller decides when its servers stop (it may
     * still need them to flush its own work), so the server ignores SIGINT. SIGTERM still stops it.
     */
    private static void ignoreCtrlC() {
        try {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException unsupported) {
            // No SIGINT on this platform.
        }
    }

    private static void exitWhenParentLetsGo() {
        Thread watcher = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (line.equals(STOP_COMMAND)) {
                                stopRequested.set(true);
                            }
                        }
                    } catch (IOException ignored) {
                        // A broken pipe means the same as EOF.
                    }
                    say(
                            stopRequested.get()
                                    ? "stop requested, stopping the server"
                                    : "parent process gone, stopping the server");
                    System.exit(0);
                },
                "local-infra-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** One line in the server's log, timestamped like the servers' own lines. */
    private static void say(String message) {
        System.out.println(TIME.format(LocalTime.now()) + " " + PREFIX + message);
        System.out.flush();
    }

    private static Properties loadSettings(Path file) throws IOException {
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            settings.load(in);
        }
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static Callable<AutoCloseable> instantiate(String className, Properties settings) throws Exception {
        return (Callable<AutoCloseable>)
                Class.forName(className).getConstructor(Properties.class).newInstance(settings);
    }

    private static void stop(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
            say("server stopped");
        } catch (Exception e) {
            say("stopping the server failed: " + e);
        }
    }

    /** Deletes this server's data and log, then the logs dir and the root if nothing else is left in them. */
    private static void deleteTemporaryData(Properties settings) {
        String root = settings.getProperty(TEMPORARY_DATA_ROOT);
        String name = settings.getProperty(SERVER_NAME);
        if (root == null || name == null) {
            return;
        }
        Path dataRoot = Path.of(root);
        Path logs = dataRoot.resolve("logs");
        try {
            deleteRecursively(dataRoot.resolve(name));
            Files.deleteIfExists(logs.resolve(name + ".log"));
            Files.deleteIfExists(logs);
            Files.deleteIfExists(dataRoot);
        } catch (DirectoryNotEmptyException otherServersStillThere) {
            // The last server to go deletes the rest.
        } catch (IOException e) {
            say("could not delete temporary data in " + dataRoot + ": " + e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
