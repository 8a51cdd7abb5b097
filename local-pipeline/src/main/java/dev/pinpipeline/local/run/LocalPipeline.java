package dev.pinpipeline.local.run;

import dev.pinpipeline.infra.LocalServer;
import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.EndpointsFile;
import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.infra.LocalStack;
import dev.pinpipeline.local.process.ChildProcess;
import dev.pinpipeline.local.process.Supervisor;
import dev.pinpipeline.schema.SchemaMigration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The whole pipeline on the local servers: Kafka, S3Proxy and PostgreSQL (local-infra), then ingest-api,
 * batch-consumer and spark-streaming as child processes, started together once the servers are healthy.
 * Closing it stops everything in reverse order. Used by {@code ./pipeline run} and by the end-to-end tests.
 */
public final class LocalPipeline implements AutoCloseable {

    /** What to start where. Ports 0 = free ports (tests). */
    public record Config(
            Path dataDir,
            LocalStack.Ports ports,
            int ingestPort,
            int consumerPort,
            String topic,
            int partitions,
            String bucket) {}

    private final Config config;
    private final ProjectLayout layout;
    private final Consumer<String> log;
    private LocalStack stack;
    private Supervisor supervisor;
    private ServiceCommands commands;
    private ChildProcess ingest;
    private ChildProcess consumer;
    private ChildProcess streaming;
    private long servicesStarted;
    private PipelineGuard guard;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** What StreamingJob logs once the schema is at the version it needs (it stops with exit code 4 otherwise). */
    static final String STREAMING_READY = "Schema at version";

    private long streamingLogStart;

    private LocalPipeline(ProjectLayout layout, Config config, Consumer<String> log) {
        this.layout = layout;
        this.config = config;
        this.log = log;
    }

    /**
     * Starts the servers and the three services, and returns once ingest-api is healthy (so the emulator can start);
     * {@link #awaitReady()} waits for the other two. On failure stops what was started and rethrows.
     */
    public static LocalPipeline start(ProjectLayout layout, Config config, Consumer<String> log) {
        LocalPipeline pipeline = new LocalPipeline(layout, config, log);
        try {
            pipeline.startAll();
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll() {
        long t0 = System.nanoTime();
        stack = LocalStack.start(
                config.dataDir().resolve("infra"),
                config.ports(),
                config.topic(),
                config.partitions(),
                config.bucket());
        Endpoints e = stack.endpoints();
        EndpointsFile.write(config.dataDir(), e);
        log.accept("servers   Kafka %s, S3 %s, PostgreSQL %s (%s)"
                .formatted(
                        e.kafkaBootstrapServers(),
                        e.s3Endpoint(),
                        e.postgresJdbcUrl(),
                        seconds(System.nanoTime() - t0)));

        supervisor = new Supervisor(config.dataDir().resolve("logs"), layout.root());
        commands = new ServiceCommands(layout, e, config.dataDir());

        // ingest-api and batch-consumer need only the servers, spark-streaming the schema too: the migration runs
        // while the first two start (JVM start-up is most of their time).
        ingest = supervisor.start(
                "ingest-api", commands.ingestApi(), commands.ingestApiEnvironment(config.ingestPort()));
        consumer = supervisor.start(
                "batch-consumer", commands.batchConsumer(), commands.batchConsumerEnvironment(config.consumerPort()));
        migrateSchema(e);
        streamingLogStart = sizeOf(config.dataDir().resolve("logs").resolve("spark-streaming.log"));
        streaming = supervisor.start("spark-streaming", commands.streamingJob(), commands.streamingEnvironment());
        servicesStarted = System.nanoTime();
        Duration took = Health.await(ingest, () -> Health.isUp(ingestUrl() + "/actuator/health"), START_TIMEOUT);
        log.accept("service   ingest-api %s (%s)".formatted(ingestUrl(), seconds(took.toNanos())));
    }

    /** Waits until batch-consumer is healthy and spark-streaming passed its schema check (ingest-api already is). */
    public LocalPipeline awaitReady() {
        Health.await(
                consumer,
                () -> Health.isUp("http://127.0.0.1:" + config.consumerPort() + "/actuator/health"),
                START_TIMEOUT);
        log.accept("service   batch-consumer http://127.0.0.1:%d (%s)"
                .formatted(config.consumerPort(), seconds(System.nanoTime() - servicesStarted)));
        Health.await(
                streaming,
                () -> logSince(streaming.logFile(), streamingLogStart).contains(STREAMING_READY),
                START_TIMEOUT);
        log.accept("job       spark-streaming local[2] → PostgreSQL (%s)"
                .formatted(seconds(System.nanoTime() - servicesStarted)));
        return this;
    }

    /**
     * From now on, a server or service that dies is started again ({@link PipelineGuard}); call once everything is
     * ready.
     */
    public synchronized PipelineGuard watch(PipelineGuard.Policy policy) {
        if (guard == null) {
            guard = new PipelineGuard(() -> stack.infra().servers(), supervisor, policy).start();
        }
        return guard;
    }

    /** The servers: Kafka, S3Proxy, PostgreSQL. */
    public List<LocalServer> servers() {
        return stack.infra().servers();
    }

    /** Starts the user emulator with these extra arguments (e.g. --rate, --count). */
    public ChildProcess startEmulator(List<String> emulatorArgs) {
        return supervisor.start(
                "user-emulator", commands.userEmulator(config.ingestPort(), emulatorArgs), java.util.Map.of());
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + config.ingestPort();
    }

    public Endpoints endpoints() {
        return stack.endpoints();
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public ServiceCommands commands() {
        return commands;
    }

    public Config config() {
        return config;
    }

    /** pipeline-schema's Flyway migration, in a JVM of its own (as the tests run it), before the jobs start. */
    private void migrateSchema(Endpoints e) {
        long t0 = System.nanoTime();
        String output = SchemaMigration.migrate(e.postgresJdbcUrl(), e.postgresUser(), e.postgresPassword());
        String last = output.lines().reduce((first, second) -> second).orElse("");
        log.accept("schema    %s (%s)".formatted(last, seconds(System.nanoTime() - t0)));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String logSince(Path file, long offset) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(offset, Files.size(file)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return "";
        }
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Stops the services in reverse order, then the servers. */
    @Override
    public void close() {
        synchronized (this) {
            if (guard != null) {
                guard.close(); // first: what is stopped now must stay stopped
            }
        }
        if (supervisor != null) {
            supervisor.close();
        }
        if (stack != null) {
            EndpointsFile.delete(config.dataDir());
            stack.close();
        }
    }
}
