package dev.pinpipeline.local;

import dev.pinpipeline.events.SharedEnvironment;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Ports and names of the local stack, shared by every subcommand. Fixed ports, so tools can connect. */
public class StackOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the servers keep their data and the services their logs, kept between runs. "
                    + "Default: .local/ in the project.")
    public Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker port.")
    public int kafkaPort;

    @Option(names = "--s3-port", defaultValue = "9000", description = "S3Proxy port.")
    public int s3Port;

    @Option(names = "--postgres-port", defaultValue = "5432", description = "PostgreSQL port.")
    public int postgresPort;

    @Option(names = "--ingest-port", defaultValue = "8080", description = "ingest-api HTTP port.")
    public int ingestPort;

    @Option(names = "--consumer-port", defaultValue = "8081", description = "batch-consumer HTTP (actuator) port.")
    public int consumerPort;

    @Option(names = "--topic", defaultValue = SharedEnvironment.PINS_TOPIC_DEFAULT, description = "Kafka topic.")
    public String topic;

    @Option(names = "--bucket", defaultValue = SharedEnvironment.S3_BUCKET_DEFAULT, description = "S3 bucket.")
    public String bucket;

    public Path dataDir(ProjectLayout layout) {
        return (dataDir != null ? dataDir : layout.defaultDataDir())
                .toAbsolutePath()
                .normalize();
    }
}
