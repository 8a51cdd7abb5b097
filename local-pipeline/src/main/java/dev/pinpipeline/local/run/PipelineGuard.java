package dev.pinpipeline.local.run;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.pinpipeline.infra.LocalServer;
import dev.pinpipeline.local.process.ChildProcess;
import dev.pinpipeline.local.process.Supervisor;
import dev.pinpipeline.local.status.ComponentNote;
import dev.pinpipeline.retry.Backoff;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches what the pipeline started and brings back what dies: a server (Kafka, S3Proxy, PostgreSQL) is started
 * again on its data and port, a service (ingest-api, batch-consumer, spark-streaming, the emulator) with its command
 * line; each resumes from what it had made durable (Kafka's log, consumer offsets, the streaming checkpoint). The
 * emulator is not restarted once it ended normally (it was given a --count).
 *
 * <p>Bounded: the n-th restart of a component within {@link Policy#window()} waits {@link Policy#firstDelay()}
 * × 2^(n-1) first; past {@link Policy#maxRestarts()} the guard gives up and {@link #failure()} says which component
 * died and where its log is. Servers are checked before services, on one thread, so a service is restarted only
 * once the servers it needs are back.
 */
public final class PipelineGuard implements AutoCloseable {

    /** How often and how fast a component is restarted. */
    public record Policy(int maxRestarts, Duration window, Duration firstDelay, Duration maxDelay) {

        public static final Policy DEFAULT =
                new Policy(3, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(30));

        Backoff backoff() {
            return new Backoff(firstDelay, maxDelay);
        }

        Duration delayBefore(int restart) {
            return backoff().delay(restart);
        }
    }

    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private final Supplier<List<LocalServer>> servers;
    private final Supervisor services;
    private final Policy policy;
    private final Map<String, History> histories = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "pipeline-guard");
        t.setDaemon(true);
        return t;
    });
    private volatile String failure;

    private static final class History {
        final Deque<Instant> deaths = new ArrayDeque<>();
        volatile boolean down;
        volatile int restarts;
    }

    PipelineGuard(Supplier<List<LocalServer>> servers, Supervisor services, Policy policy) {
        this.servers = servers;
        this.services = services;
        this.policy = policy;
    }

    PipelineGuard start() {
        thread.scheduleWithFixedDelay(
                this::checkSafely, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Why the guard gave up (which component, its log), once it has; the pipeline should then stop. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The components that died since the start, by name. */
    public List<ComponentNote> notes() {
        return histories.entrySet().stream()
                .map(e -> new ComponentNote(e.getKey(), e.getValue().down, e.getValue().restarts))
                .sorted(java.util.Comparator.comparing(ComponentNote::component))
                .toList();
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            failure = "The launcher could not watch the pipeline: " + e;
        }
    }

    private void check() {
        for (LocalServer server : servers.get()) {
            if (failure == null && !server.isRunning()) {
                // kill() also ends what the server process leaves behind (PostgreSQL's postmaster), then start()
                // brings it back on the same port and data.
                recover(server.server().displayName(), server.logFile(), () -> {
                    server.kill();
                    server.start();
                });
            }
        }
        for (ChildProcess child : services.children()) {
            if (failure == null && child.exitedOnItsOwn() && !finishedItsWork(child)) {
                recover(child.name(), child.logFile(), () -> services.restart(child));
            }
        }
    }

    /** The emulator ends with 0 when it posted its --count: done, not dead. */
    private static boolean finishedItsWork(ChildProcess child) {
        return child.name().equals("user-emulator") && child.exitCode() == 0;
    }

    private void recover(String name, Path log, Runnable restart) {
        History history = histories.computeIfAbsent(name, n -> new History());
        history.down = true;
        Instant now = Instant.now();
        history.deaths.removeIf(death -> death.isBefore(now.minus(policy.window())));
        history.deaths.addLast(now);
        int attempt = history.deaths.size();
        if (attempt > policy.maxRestarts()) {
            failure = "%s died %d times within %d min; stopping. See its log: %s"
                    .formatted(name, attempt, policy.window().toMinutes(), log);
            return;
        }
        try {
            Thread.sleep(policy.delayBefore(attempt).toMillis());
            Failsafe.with(policy.backoff()
                            .retryPolicy()
                            .handle(RuntimeException.class)
                            .withMaxRetries(2)
                            .build())
                    .run(restart::run);
            history.restarts++;
            history.down = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (thread.isShutdown()) {
                return; // interrupted by close(): the pipeline is stopping
            }
            Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
            failure = "%s died and could not be started again (%s); stopping. See its log: %s"
                    .formatted(name, cause.getMessage(), log);
        }
    }

    /** Stops watching (before the pipeline stops its components on purpose), interrupting a restart under way. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
