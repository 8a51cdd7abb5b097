package dev.pinpipeline.local.infra;

import dev.pinpipeline.infra.LocalInfra;
import dev.pinpipeline.local.Endpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local servers (Kafka, S3Proxy, PostgreSQL) started through local-infra on fixed ports with a persistent data
 * directory, plus what the pipeline needs on them before the services start: the bucket and the topic.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalInfra infra;
    private final Endpoints endpoints;

    private LocalStack(LocalInfra infra, Endpoints endpoints) {
        this.infra = infra;
        this.endpoints = endpoints;
    }

    /** What each partition of the local broker keeps at most: 1 GiB, about a million pins. */
    static final long KAFKA_RETENTION_BYTES_PER_PARTITION = 1L << 30;

    public record Ports(int kafka, int s3, int postgres) {}

    /** Starts the three servers (0 = a free port) and prepares the bucket and the topic. */
    public static LocalStack start(Path dataDir, Ports ports, String topic, int partitions, String bucket) {
        LocalInfra infra = LocalInfra.builder()
                .dataDir(dataDir)
                .kafka()
                .s3()
                .postgres()
                .kafkaPort(ports.kafka())
                .s3Port(ports.s3())
                .postgresPort(ports.postgres())
                // By size, never by time (docs/local-run.md, "What Kafka keeps"): a pipeline left for weeks resumes
                // where it stopped; replayed pins with old timestamps stay until the partition outgrows its cap.
                .kafkaProperty("log.retention.ms", "-1")
                .kafkaProperty("log.retention.bytes", Long.toString(KAFKA_RETENTION_BYTES_PER_PARTITION))
                .kafkaProperty("log.segment.bytes", Long.toString(KAFKA_RETENTION_BYTES_PER_PARTITION / 8))
                .start();
        try {
            Endpoints endpoints = new Endpoints(
                    infra.kafka().bootstrapServers(),
                    topic,
                    infra.s3().endpoint(),
                    infra.s3().accessKey(),
                    infra.s3().secretKey(),
                    infra.s3().region(),
                    bucket,
                    infra.postgres().jdbcUrl(),
                    infra.postgres().user(),
                    infra.postgres().password());
            try (S3Client s3 = S3Clients.local(
                    endpoints.s3Endpoint(), endpoints.s3AccessKey(), endpoints.s3SecretKey(), endpoints.s3Region())) {
                S3Clients.ensureBucket(s3, bucket);
            }
            ensureTopic(endpoints.kafkaBootstrapServers(), topic, partitions);
            return new LocalStack(infra, endpoints);
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
    }

    /** Starts only S3Proxy on its data directory (for `batch` and `archive` when `run` is not running). */
    public static LocalStack startS3Only(Path dataDir, int s3Port, String bucket) {
        LocalInfra infra =
                LocalInfra.builder().dataDir(dataDir).s3().s3Port(s3Port).start();
        Endpoints endpoints = new Endpoints(
                null,
                null,
                infra.s3().endpoint(),
                infra.s3().accessKey(),
                infra.s3().secretKey(),
                infra.s3().region(),
                bucket,
                null,
                null,
                null);
        try (S3Client s3 = S3Clients.local(
                endpoints.s3Endpoint(), endpoints.s3AccessKey(), endpoints.s3SecretKey(), endpoints.s3Region())) {
            S3Clients.ensureBucket(s3, bucket);
        }
        return new LocalStack(infra, endpoints);
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ports among these that something else already listens on. */
    public static List<Integer> busyPorts(int... ports) {
        List<Integer> busy = new ArrayList<>();
        for (int port : ports) {
            if (port != 0 && isListening(port)) {
                busy.add(port);
            }
        }
        return busy;
    }

    static void ensureTopic(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "Cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public LocalInfra infra() {
        return infra;
    }

    @Override
    public void close() {
        infra.close();
    }
}
