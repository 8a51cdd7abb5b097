package dev.pinpipeline.emulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pinpipeline.emulator.delivery.IngestClient;
import dev.pinpipeline.emulator.delivery.PinSender;
import dev.pinpipeline.emulator.source.PinGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The run loop's endings: duration, a stop (what Ctrl-C does) with pins in flight, and the rate. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class EmulationTest {

    @Test
    void aStopLetsPinsInFlightFinishAndSettlesEveryPin() throws Exception {
        try (Api api = new Api(Duration.ofMillis(20), 201)) {
            RunStats stats = new RunStats(console(), () -> {});
            Emulation emulation = emulation(api, stats, new RunSettings(0, 0, null, 8, 1, Duration.ofSeconds(5)));

            CompletableFuture<Emulation.Ending> run = CompletableFuture.supplyAsync(() -> run(emulation));
            awaitUntil(() -> stats.snapshot().accepted() >= 50, "50 pins accepted");
            emulation.stop();

            assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(Emulation.Ending.STOPPED);
            RunStats.Snapshot last = stats.snapshot();
            assertThat(last.inFlight()).isZero();
            assertThat(last.lost()).isZero();
            assertThat(last.accepted()).isEqualTo(last.sent()).isEqualTo(api.received.get());
        }
    }

    @Test
    void aStopWhileTheApiIsDownGivesUpAfterTheDrainTimeoutAndCountsThePinsLost() throws Exception {
        try (Api api = new Api(Duration.ZERO, 503)) {
            RunStats stats = new RunStats(console(), () -> {});
            Emulation emulation = emulation(api, stats, new RunSettings(0, 0, null, 4, 1, Duration.ofMillis(200)));

            CompletableFuture<Emulation.Ending> run = CompletableFuture.supplyAsync(() -> run(emulation));
            awaitUntil(() -> stats.snapshot().retries() >= 10, "10 retries");
            emulation.stop();

            assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(Emulation.Ending.STOPPED);
            RunStats.Snapshot last = stats.snapshot();
            assertThat(last.lost()).isEqualTo(last.sent()).isEqualTo(4);
            assertThat(last.inFlight()).isZero();
        }
    }

    @Test
    void aDurationEndsTheRunAndTheRateIsNeverExceeded() throws Exception {
        try (Api api = new Api(Duration.ZERO, 201)) {
            RunStats stats = new RunStats(console(), () -> {});
            Emulation emulation =
                    emulation(api, stats, new RunSettings(200, 0, Duration.ofSeconds(1), 4, 1, Duration.ofSeconds(1)));

            assertThat(emulation.run()).isEqualTo(Emulation.Ending.DURATION_REACHED);
            // 200 pins/s for 1 s: never more (the first pin goes at once, and a stall is made up by 0.1 s at most).
            assertThat(stats.snapshot().sent()).isPositive().isLessThanOrEqualTo(200 + 1 + 20);
            assertThat(stats.snapshot().accepted()).isEqualTo(stats.snapshot().sent());
        }
    }

    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static Emulation emulation(Api api, RunStats stats, RunSettings settings) {
        IngestClient client = new IngestClient(URI.create(api.url()), null, Duration.ofSeconds(5));
        PinSender sender = new PinSender(
                client, stats, new PinSender.Settings(settings.isBulk(), Duration.ofMinutes(1), Duration.ofMillis(50)));
        return new Emulation(new PinGenerator(1), sender, stats, settings);
    }

    private static Emulation.Ending run(Emulation emulation) {
        try {
            return emulation.run();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Console console() {
        return new Console(new PrintWriter(new StringWriter()), false);
    }

    /** Answers every POST with one status after a delay. */
    private static final class Api implements AutoCloseable {
        final AtomicInteger received = new AtomicInteger();
        private final HttpServer server;

        Api(Duration delay, int status) throws Exception {
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    Thread.sleep(delay.toMillis());
                    if (status < 300) {
                        received.incrementAndGet();
                    }
                    exchange.sendResponseHeaders(status, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
