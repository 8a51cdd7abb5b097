package dev.pinpipeline.local.run;

import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.EndpointsFile;
import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.infra.LocalStack;
import dev.pinpipeline.local.process.ChildProcess;
import dev.pinpipeline.local.process.Supervisor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The whole pipeline on the local servers: Kafka, S3Proxy and PostgreSQL (local-infra), then ingest-api,
 * batch-consumer and spark-streaming as child processes, each started once the previous one is healthy.
 * Closing it stops everything in reverse order. Used by {@code ./pipeline run} and by the end-to-end tests.
 */
public final class LocalPipeline implements AutoCloseable {

    /** What to start where. Ports 0 = free ports (tests). */
    public record Config(Path dataDir, LocalStack.Ports ports, int ingestPort, int consumerPort, String topic,
                         int partitions, String bucket) {
    }

    private final Config config;
    private final ProjectLayout layout;
    private final Consumer<String> log;
    private LocalStack stack;
    private Supervisor supervisor;
    private ServiceCommands commands;

    private LocalPipeline(ProjectLayout layout, Config config, Consumer<String> log) {
        this.layout = layout;
        this.config = config;
        this.log = log;
    }

    /** Starts everything but the emulator; on failure stops what was started and rethrows. */
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
        stack = LocalStack.start(config.dataDir().resolve("infra"), config.ports(), config.topic(),
                config.partitions(), config.bucket());
        Endpoints e = stack.endpoints();
        EndpointsFile.write(config.dataDir(), e);
        log.accept("servers   Kafka %s, S3 %s, PostgreSQL %s (%s)".formatted(e.kafkaBootstrapServers(),
                e.s3Endpoint(), e.postgresJdbcUrl(), seconds(System.nanoTime() - t0)));

        supervisor = new Supervisor(config.dataDir().resolve("logs"), layout.root());
        commands = new ServiceCommands(layout, e, config.dataDir());

        ChildProcess ingest = supervisor.start("ingest-api", commands.ingestApi(),
                commands.ingestApiEnvironment(config.ingestPort()));
        Duration took = Health.await(ingest, () -> Health.isUp(ingestUrl() + "/actuator/health"),
                Duration.ofSeconds(120));
        log.accept("service   ingest-api %s (%s)".formatted(ingestUrl(), seconds(took.toNanos())));

        ChildProcess consumer = supervisor.start("batch-consumer", commands.batchConsumer(),
                commands.batchConsumerEnvironment(config.consumerPort()));
        // The streaming job starts meanwhile: both need a few seconds of JVM warm-up on two cores.
        ChildProcess streaming = supervisor.start("spark-streaming", commands.streamingJob(),
                commands.streamingEnvironment());
        took = Health.await(consumer, () -> Health.isUp("http://127.0.0.1:" + config.consumerPort()
                + "/actuator/health"), Duration.ofSeconds(120));
        log.accept("service   batch-consumer http://127.0.0.1:%d (%s)".formatted(config.consumerPort(),
                seconds(took.toNanos())));
        took = Health.await(streaming, () -> tableExists(e, "pin_events"), Duration.ofSeconds(180));
        log.accept("job       spark-streaming local[2] → PostgreSQL (%s)".formatted(seconds(took.toNanos())));
    }

    /** Starts the user emulator with these extra arguments (e.g. --rate, --count). */
    public ChildProcess startEmulator(List<String> emulatorArgs) {
        return supervisor.start("user-emulator", commands.userEmulator(config.ingestPort(), emulatorArgs), java.util.Map.of());
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

    static boolean tableExists(Endpoints e, String table) {
        try (Connection c = DriverManager.getConnection(e.postgresJdbcUrl(), e.postgresUser(), e.postgresPassword());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('" + table + "') is not null")) {
            return rs.next() && rs.getBoolean(1);
        } catch (Exception ex) {
            return false;
        }
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Stops the services in reverse order, then the servers. */
    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.close();
        }
        if (stack != null) {
            EndpointsFile.delete(config.dataDir());
            stack.close();
        }
    }
}
