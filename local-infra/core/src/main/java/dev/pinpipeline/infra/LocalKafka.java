package dev.pinpipeline.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka node in KRaft mode (broker and controller in one process), plaintext on 127.0.0.1: a single-node
 * cluster, or one node of a {@link LocalKafkaCluster}.
 */
public final class LocalKafka extends LocalServer {

    /** Where a node of a cluster belongs: its id, its controller port, every node's controller address, the cluster's id. */
    record Membership(int nodeId, int controllerPort, String controllerQuorumVoters, String clusterId) {}

    private final Map<String, String> brokerProperties;
    private final Membership membership;
    private int controllerPort;

    LocalKafka(Path dataDir, int port, Map<String, String> brokerProperties, LaunchOptions launch) {
        this(dataDir, port, brokerProperties, launch, null);
    }

    LocalKafka(
            Path dataDir, int port, Map<String, String> brokerProperties, LaunchOptions launch, Membership membership) {
        super(Server.KAFKA, dataDir, port, launch);
        this.brokerProperties = Map.copyOf(brokerProperties);
        this.membership = membership;
    }

    /** The node id: 1 for a single node, 1 to N in a cluster. */
    public int nodeId() {
        return membership == null ? 1 : membership.nodeId();
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return host() + ":" + port();
    }

    @Override
    public String describe() {
        return (membership == null ? "Kafka      " : "Kafka " + nodeId() + "    ") + " bootstrap.servers="
                + bootstrapServers();
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
        return List.of(
                "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                // Warns at every clean shutdown that a client it already closed is being closed.
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient=error",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    }

    /** The KRaft controller's port, chosen on first use, then kept. */
    synchronized int controllerPort() {
        if (membership != null) {
            return membership.controllerPort();
        }
        if (controllerPort == 0) {
            controllerPort = FreePorts.pick();
        }
        return controllerPort;
    }

    @Override
    synchronized Properties settings() {
        Properties settings = new Properties();
        settings.setProperty("port", Integer.toString(port()));
        settings.setProperty("controllerPort", Integer.toString(controllerPort()));
        if (membership != null) {
            settings.setProperty("nodeId", Integer.toString(membership.nodeId()));
            settings.setProperty("controllerQuorumVoters", membership.controllerQuorumVoters());
            settings.setProperty("clusterId", membership.clusterId());
        }
        settings.setProperty("dataDir", serverDir().toString());
        brokerProperties.forEach((name, value) -> settings.setProperty("broker." + name, value));
        return settings;
    }
}
