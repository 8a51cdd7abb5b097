package dev.pinpipeline.local;

import static dev.pinpipeline.events.SharedEnvironment.AWS_ACCESS_KEY_ID;
import static dev.pinpipeline.events.SharedEnvironment.AWS_REGION;
import static dev.pinpipeline.events.SharedEnvironment.AWS_SECRET_ACCESS_KEY;
import static dev.pinpipeline.events.SharedEnvironment.KAFKA_BOOTSTRAP_SERVERS;
import static dev.pinpipeline.events.SharedEnvironment.PINS_TOPIC;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_PASSWORD;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_URL;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_USER;
import static dev.pinpipeline.events.SharedEnvironment.S3_BUCKET;
import static dev.pinpipeline.events.SharedEnvironment.S3_ENDPOINT;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code .local/endpoints.properties}: written by {@code run} while the stack is up, so that {@code batch} and
 * {@code archive} in another terminal use the same servers and credentials.
 */
public final class EndpointsFile {

    public static Path path(Path dataDir) {
        return dataDir.resolve("endpoints.properties");
    }

    public static void write(Path dataDir, Endpoints e) {
        Properties p = new Properties();
        e.environment().forEach(p::setProperty);
        try {
            Files.createDirectories(dataDir);
            try (Writer out = Files.newBufferedWriter(path(dataDir))) {
                p.store(out, "Written by ./pipeline run; the servers it started");
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static Optional<Endpoints> read(Path dataDir) {
        Path file = path(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return Optional.of(new Endpoints(
                p.getProperty(KAFKA_BOOTSTRAP_SERVERS),
                p.getProperty(PINS_TOPIC),
                p.getProperty(S3_ENDPOINT),
                p.getProperty(AWS_ACCESS_KEY_ID),
                p.getProperty(AWS_SECRET_ACCESS_KEY),
                p.getProperty(AWS_REGION),
                p.getProperty(S3_BUCKET),
                p.getProperty(POSTGRES_URL),
                p.getProperty(POSTGRES_USER),
                p.getProperty(POSTGRES_PASSWORD)));
    }

    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(path(dataDir));
        } catch (IOException ignored) {
            // best effort: a stale file is detected by the closed port
        }
    }

    private EndpointsFile() {}
}
