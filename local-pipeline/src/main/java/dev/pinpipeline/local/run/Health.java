package dev.pinpipeline.local.run;

import dev.pinpipeline.local.process.ChildProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for a started service to become ready, and failing clearly if it dies or takes too long. */
public final class Health {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** True when GET {@code url} answers 200 with status UP (Spring Boot Actuator's health). */
    public static boolean isUp(String url) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls {@code ready} until true; throws if the child exits or the timeout passes. */
    public static Duration await(ChildProcess child, BooleanSupplier ready, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!child.isAlive()) {
                throw new ServiceFailedException(child.name() + " exited with code " + child.exitCode()
                        + " while starting: see " + child.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new ServiceFailedException(
                        child.name() + " not ready after " + timeout.toSeconds() + " s: see " + child.logFile());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceFailedException("Interrupted while waiting for " + child.name());
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A service did not start or stopped on its own. */
    public static final class ServiceFailedException extends RuntimeException {
        public ServiceFailedException(String message) {
            super(message);
        }
    }

    private Health() {}
}
