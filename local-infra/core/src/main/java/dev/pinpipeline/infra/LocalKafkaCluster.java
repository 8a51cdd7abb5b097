package dev.pinpipeline.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A Kafka cluster of N nodes on 127.0.0.1, each its own JVM in KRaft combined mode (broker and controller), so that
 * a test or a chaos run can SIGKILL one node, the leader of a partition for instance, while the others go on.
 *
 * <pre>{@code
 * try (LocalKafkaCluster cluster = LocalKafkaCluster.builder().brokers(3).start()) {
 *     cluster.bootstrapServers();                 // 127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3
 *     cluster.node(2).kill();                     // SIGKILL; start() brings it back on its data
 * }
 * }</pre>
 *
 * Which node leads a partition is the caller's question to the cluster (an Admin client's describeTopics): core
 * brings no Kafka library onto the caller's class path.
 *
 * By default the cluster is as durable as a production one: new topics and Kafka's internal topics get a
 * replication factor of min(3, N) and {@code min.insync.replicas} of min(2, N), unclean leader election is off.
 * Node i keeps its data in {@code dataDir/node-i/kafka} and its log in {@code dataDir/node-i/logs/kafka.log}.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private final List<LocalKafka> nodes;

    private LocalKafkaCluster(Builder builder, Path dataDir, boolean deleteDataDirOnClose) {
        this.dataDir = dataDir;
        this.deleteDataDirOnClose = deleteDataDirOnClose;
        LaunchOptions launch = new LaunchOptions(builder.startTimeout, builder.fullJit, deleteDataDirOnClose);
        Map<String, String> properties = new LinkedHashMap<>(durableDefaults(builder.brokers));
        properties.putAll(builder.properties);
        String clusterId = clusterId(dataDir);
        // Every node's settings name every controller, so the controller ports are chosen before any node starts.
        List<Integer> controllerPorts = new ArrayList<>();
        for (int id = 1; id <= builder.brokers; id++) {
            controllerPorts.add(FreePorts.pick());
        }
        String voters = IntStream.rangeClosed(1, builder.brokers)
                .mapToObj(id -> id + "@127.0.0.1:" + controllerPorts.get(id - 1))
                .collect(Collectors.joining(","));
        List<LocalKafka> created = new ArrayList<>();
        for (int id = 1; id <= builder.brokers; id++) {
            created.add(new LocalKafka(
                    dataDir.resolve("node-" + id),
                    0,
                    properties,
                    launch,
                    new LocalKafka.Membership(id, controllerPorts.get(id - 1), voters, clusterId)));
        }
        this.nodes = List.copyOf(created);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Map<String, String> durableDefaults(int brokers) {
        String replicas = Integer.toString(Math.min(3, brokers));
        String minInSync = Integer.toString(Math.min(2, brokers));
        return Map.of(
                "default.replication.factor", replicas,
                "min.insync.replicas", minInSync,
                "offsets.topic.replication.factor", replicas,
                "transaction.state.log.replication.factor", replicas,
                "transaction.state.log.min.isr", minInSync,
                "share.coordinator.state.topic.replication.factor", replicas,
                "share.coordinator.state.topic.min.isr", minInSync,
                "unclean.leader.election.enable", "false");
    }

    /** The cluster's id, kept in the data dir so that a cluster started again on it finds its data. */
    private static String clusterId(Path dataDir) {
        Path file = dataDir.resolve("cluster.id");
        try {
            if (!Files.exists(file)) {
                // Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding (its Uuid's text form).
                byte[] bytes = new byte[16];
                new SecureRandom().nextBytes(bytes);
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the cluster id in " + file, e);
        }
    }

    /**
     * Starts every node that is not running, in parallel (a node alone cannot form the controller quorum, so they
     * must come up together), and waits until each is healthy.
     */
    public LocalKafkaCluster startAll() {
        List<CompletableFuture<Void>> starting = nodes.stream()
                .map(node -> CompletableFuture.runAsync(node::start, command -> {
                    Thread thread = new Thread(command, "local-infra-kafka-" + node.nodeId());
                    thread.setDaemon(true);
                    thread.start();
                }))
                .toList();
        try {
            starting.forEach(CompletableFuture::join);
        } catch (CompletionException e) {
            nodes.forEach(LocalKafka::stop);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return this;
    }

    /** Every node's address, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(LocalKafka::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<LocalKafka> nodes() {
        return nodes;
    }

    /** Node {@code id}, 1 to N. */
    public LocalKafka node(int id) {
        return nodes.get(id - 1);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops every node; deletes the data dir if it was a temporary one. */
    @Override
    public void close() {
        nodes.parallelStream().forEach(LocalKafka::stop);
        if (deleteDataDirOnClose && Files.exists(dataDir)) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete " + dataDir, e);
            }
        }
    }

    /** Chooses the number of nodes, their settings and the data dir; {@link #start()} starts them. */
    public static final class Builder {

        private final Map<String, String> properties = new LinkedHashMap<>();
        private int brokers = 3;
        private Path dataDir;
        private Duration startTimeout = Duration.ofSeconds(180);
        private boolean fullJit;

        private Builder() {}

        /** How many nodes (default 3); each is a broker and a controller. */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("A cluster needs at least one broker: " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /** Where the nodes keep data and logs, kept between runs; default: a temporary directory deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** A setting of every node, over the durable defaults. */
        public Builder kafkaProperty(String name, String value) {
            properties.put(name, value);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder fullJit(boolean fullJit) {
            this.fullJit = fullJit;
            return this;
        }

        /** The configured nodes, none started yet. */
        public LocalKafkaCluster build() {
            try {
                if (dataDir == null) {
                    return new LocalKafkaCluster(this, Files.createTempDirectory("local-kafka-cluster-"), true);
                }
                Files.createDirectories(dataDir);
                return new LocalKafkaCluster(this, dataDir.toAbsolutePath(), false);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data dir " + dataDir, e);
            }
        }

        public LocalKafkaCluster start() {
            return build().startAll();
        }
    }
}
