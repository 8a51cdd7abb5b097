package dev.pinpipeline.infra.server.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one process), run inside the
 * local-infra launcher's JVM.
 *
 * <p>Launcher settings: {@code port}, {@code controllerPort}, {@code dataDir}; every {@code broker.X} setting
 * is passed to the broker as {@code X} (e.g. {@code broker.num.partitions=3}). The cluster id is kept in the
 * data dir so a restart finds its data again.
 *
 * <p>One node of a cluster also gets {@code nodeId}, {@code controllerQuorumVoters} (every node's
 * {@code id@host:controllerPort}) and the cluster's {@code clusterId}; each node is then broker and controller.
 */
public final class KafkaBroker implements Callable<AutoCloseable> {

    private static final String BROKER_PREFIX = "broker.";
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final String nodeId;
    private final String controllerQuorumVoters;
    private final String clusterId;
    private final Properties overrides = new Properties();

    public KafkaBroker(Properties settings) {
        this.port = Integer.parseInt(settings.getProperty("port"));
        this.controllerPort = Integer.parseInt(settings.getProperty("controllerPort"));
        this.dataDir = Path.of(settings.getProperty("dataDir"));
        this.nodeId = settings.getProperty("nodeId", "1");
        this.controllerQuorumVoters = settings.getProperty("controllerQuorumVoters", "1@127.0.0.1:" + controllerPort);
        this.clusterId = settings.getProperty("clusterId");
        for (String name : settings.stringPropertyNames()) {
            if (name.startsWith(BROKER_PREFIX)) {
                overrides.setProperty(name.substring(BROKER_PREFIX.length()), settings.getProperty(name));
            }
        }
    }

    @Override
    public AutoCloseable call() throws Exception {
        Files.createDirectories(dataDir);
        Properties config = brokerConfig();
        Path configFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "Written by local-infra at every start");
        }
        formatStorageOnce(configFile);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        awaitHealthy();
        return () -> {
            server.shutdown();
            server.awaitShutdown();
        };
    }

    private Properties brokerConfig() {
        String bootstrap = "127.0.0.1:" + port;
        String controller = "127.0.0.1:" + controllerPort;
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", nodeId),
                Map.entry("controller.quorum.voters", controllerQuorumVoters),
                Map.entry("listeners", "PLAINTEXT://" + bootstrap + ",CONTROLLER://" + controller),
                Map.entry("advertised.listeners", "PLAINTEXT://" + bootstrap),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.resolve("logs").toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // No time retention: tests write records with timestamps of their choosing (past days), and a
                // local pipeline may be left for weeks; Kafka's default (7 days) would delete them under a reader.
                // Size is not limited either by default; callers cap it with broker.log.retention.bytes.
                Map.entry("log.retention.ms", "-1"),
                Map.entry("log.retention.bytes", "-1")));
        config.putAll(overrides);
        return config;
    }

    /** Formats the log dir on first start; {@code --ignore-formatted} makes later starts keep the data. */
    private void formatStorageOnce(Path configFile) throws IOException {
        Path clusterIdFile = dataDir.resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(
                    clusterIdFile,
                    clusterId != null ? clusterId : Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(clusterIdFile).trim();
        int exitCode = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"},
                new PrintStream(System.out, true));
        if (exitCode != 0) {
            throw new IllegalStateException("kafka-storage format failed with exit code " + exitCode);
        }
    }

    /** The broker is healthy once a client can describe the cluster through the advertised listener. */
    private void awaitHealthy() throws InterruptedException {
        Properties clientConfig = new Properties();
        clientConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        clientConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        clientConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        Instant deadline = Instant.now().plus(HEALTH_TIMEOUT);
        try (Admin admin = Admin.create(clientConfig)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException(
                                "Kafka did not answer describeCluster within " + HEALTH_TIMEOUT, notYet);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }
}
