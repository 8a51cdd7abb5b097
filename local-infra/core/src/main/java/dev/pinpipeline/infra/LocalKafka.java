package dev.pinpipeline.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A single-node Kafka broker in KRaft mode (broker and controller in one process), plaintext on 127.0.0.1. */
public final class LocalKafka extends LocalServer {

    private final Map<String, String> brokerProperties;
    private int controllerPort;

    LocalKafka(Path dataDir, int port, Map<String, String> brokerProperties, LaunchOptions launch) {
        super(Server.KAFKA, dataDir, port, launch);
        this.brokerProperties = Map.copyOf(brokerProperties);
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return host() + ":" + port();
    }

    @Override
    public String describe() {
        return "Kafka       bootstrap.servers=" + bootstrapServers();
    }

    @Override
    String serverModule() {
        return "local-infra-kafka-server";
    }

    @Override
    String serverClass() {
        return "dev.pinpipeline.infra.server.kafka.KafkaBroker";
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                // Warns at every clean shutdown that a client it already closed is being closed.
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient=error",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    }

    @Override
    synchronized Properties settings() {
        if (controllerPort == 0) {
            controllerPort = FreePorts.pick();
        }
        Properties settings = new Properties();
        settings.setProperty("port", Integer.toString(port()));
        settings.setProperty("controllerPort", Integer.toString(controllerPort));
        settings.setProperty("dataDir", serverDir().toString());
        brokerProperties.forEach((name, value) -> settings.setProperty("broker." + name, value));
        return settings;
    }
}
