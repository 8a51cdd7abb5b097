package dev.pinpipeline.local;

import dev.pinpipeline.events.SharedEnvironment;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Ports and names of the local stack, shared by every subcommand. Fixed ports, so tools can connect. */
public class StackOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the servers keep their data and the services their logs, kept between runs "
                    + "(default: .local/ in the project).")
    public Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker port (default: ${DEFAULT-VALUE}).")
    public int kafkaPort;

    @Option(names = "--s3-port", defaultValue = "9000", description = "S3Proxy port (default: ${DEFAULT-VALUE}).")
    public int s3Port;

    @Option(names = "--postgres-port", defaultValue = "5432", description = "PostgreSQL port (default: ${DEFAULT-VALUE}).")
    public int postgresPort;

    @Option(names = "--ingest-port", defaultValue = "8080", description = "ingest-api HTTP port (default: ${DEFAULT-VALUE}).")
    public int ingestPort;

    @Option(names = "--consumer-port", defaultValue = "8081",
            description = "batch-consumer HTTP (actuator) port (default: ${DEFAULT-VALUE}).")
    public int consumerPort;

    @Option(names = "--topic", defaultValue = SharedEnvironment.PINS_TOPIC_DEFAULT,
            description = "Kafka topic (default: ${DEFAULT-VALUE}).")
    public String topic;

    @Option(names = "--bucket", defaultValue = SharedEnvironment.S3_BUCKET_DEFAULT,
            description = "S3 bucket (default: ${DEFAULT-VALUE}).")
    public String bucket;

    public Path dataDir(ProjectLayout layout) {
        return (dataDir != null ? dataDir : layout.defaultDataDir()).toAbsolutePath().normalize();
    }
}
