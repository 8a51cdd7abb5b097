package dev.pinpipeline.batch.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A day's independent output steps (each one or a few Spark jobs over the cached day), run at the same time from
 * driver threads. {@link #await} and {@link #awaitAll} rethrow a failed step's exception as it was thrown; closing
 * (also after a failure) waits for every step still running, so that no Spark job outlives the day.
 */
final class ParallelSteps implements AutoCloseable {

    private static final int THREADS = 6;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "daily-batch-step");
        thread.setDaemon(true);
        return thread;
    });
    private final List<CompletableFuture<?>> started = new ArrayList<>();

    void run(Runnable step) {
        get(() -> {
            step.run();
            return null;
        });
    }

    <T> CompletableFuture<T> get(Supplier<T> step) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(step, pool);
        started.add(future);
        return future;
    }

    <T> T await(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException | CancellationException e) {
            throw unwrapped(e);
        }
    }

    void awaitAll() {
        started.forEach(this::await);
    }

    @Override
    public void close() {
        pool.shutdown();
        for (CompletableFuture<?> step : started) {
            try {
                step.join();
            } catch (CompletionException | CancellationException e) {
                // already reported by await, or the step that failed first is being reported
            }
        }
    }

    private static RuntimeException unwrapped(RuntimeException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }
}
