package dev.pinpipeline.infra.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The main class of every server process: {@code ServerLauncher <server class> <settings file>}.
 *
 * <p>The server class has a public constructor taking the settings as {@link Properties} and implements
 * {@code Callable<AutoCloseable>}: {@code call()} starts the server, returns once it is healthy, and the
 * returned handle stops it. The launcher then prints {@link #READY_MARKER} for the parent to see.
 *
 * <p>The parent keeps this process's stdin open for as long as it wants the server; when stdin reaches EOF
 * (the parent closed it, or the parent died, even by SIGKILL) the launcher exits and its shutdown hook stops the
 * server. That is what keeps a crashed test JVM from leaving servers (and their ports) behind.
 */
public final class ServerLauncher {

    /** The line printed once the server is healthy. */
    public static final String READY_MARKER = "local-infra: server ready";

    private ServerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ServerLauncher <server class> <settings file>");
            System.exit(2);
        }
        exitWhenParentLetsGo();

        AtomicReference<AutoCloseable> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running.get()), "local-infra-stop"));

        Callable<AutoCloseable> server = instantiate(args[0], loadSettings(Path.of(args[1])));
        try {
            running.set(server.call());
        } catch (Throwable e) {
            System.out.println("local-infra: server failed to start");
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.out.println(READY_MARKER);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void exitWhenParentLetsGo() {
        Thread watcher = new Thread(() -> {
            InputStream in = System.in;
            try {
                while (in.read() != -1) {
                    // The parent writes nothing; only EOF matters.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as EOF.
            }
            System.out.println("local-infra: parent process gone or asked to stop, stopping the server");
            System.exit(0);
        }, "local-infra-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
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
        return (Callable<AutoCloseable>) Class.forName(className).getConstructor(Properties.class).newInstance(settings);
    }

    private static void stop(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
            System.out.println("local-infra: server stopped");
        } catch (Exception e) {
            System.out.println("local-infra: stopping the server failed: " + e);
        }
        System.out.flush();
    }
}
