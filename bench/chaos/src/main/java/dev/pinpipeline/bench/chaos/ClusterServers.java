package dev.pinpipeline.bench.chaos;

import dev.pinpipeline.infra.LocalInfra;
import dev.pinpipeline.infra.LocalKafka;
import dev.pinpipeline.infra.LocalKafkaCluster;
import dev.pinpipeline.infra.LocalServer;
import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.infra.S3Clients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Kafka cluster (local-infra's LocalKafkaCluster: each node broker and controller) with the pins topic at
 * replication factor 3 and min.insync.replicas 2, plus S3Proxy and PostgreSQL. A Kafka fault kills the current
 * leader of a random partition of the topic.
 */
final class ClusterServers implements Servers {

    private final LocalKafkaCluster cluster;
    private final LocalInfra infra;
    private final Endpoints endpoints;
    private String lastTarget = "";

    ClusterServers(Path dir, int brokers) {
        cluster = LocalKafkaCluster.builder().brokers(brokers).dataDir(dir.resolve("kafka-cluster")).start();
        infra = LocalInfra.builder().dataDir(dir).s3().postgres().start();
        endpoints = new Endpoints(cluster.bootstrapServers(), ChaosStack.TOPIC,
                infra.s3().endpoint(), infra.s3().accessKey(), infra.s3().secretKey(), infra.s3().region(),
                ChaosStack.BUCKET, infra.postgres().jdbcUrl(), infra.postgres().user(), infra.postgres().password());
        try (S3Client s3 = S3Clients.local(endpoints.s3Endpoint(), endpoints.s3AccessKey(), endpoints.s3SecretKey(),
                endpoints.s3Region())) {
            S3Clients.ensureBucket(s3, ChaosStack.BUCKET);
        }
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(ChaosStack.TOPIC, ChaosStack.PARTITIONS,
                            (short) Math.min(3, brokers)).configs(Map.of("min.insync.replicas", Integer.toString(Math.min(2, brokers))))))
                    .all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Cannot create " + ChaosStack.TOPIC + ": " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }

    @Override
    public Endpoints endpoints() {
        return endpoints;
    }

    @Override
    public LocalServer target(Component component, Random random) {
        if (component != Component.KAFKA) {
            return all(component).get(0);
        }
        int partition = random.nextInt(ChaosStack.PARTITIONS);
        try (Admin admin = admin()) {
            Node leader = admin.describeTopics(List.of(ChaosStack.TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(ChaosStack.TOPIC).partitions().get(partition).leader();
            LocalKafka node = cluster.node(leader.id());
            lastTarget = "leader of " + ChaosStack.TOPIC + "-" + partition + ": node " + node.nodeId();
            return node;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot find the leader of partition " + partition + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describeTarget(LocalServer server) {
        return server instanceof LocalKafka ? lastTarget : "";
    }

    @Override
    public List<LocalServer> all(Component component) {
        return switch (component) {
            case KAFKA -> List.copyOf(cluster.nodes());
            case POSTGRES -> List.of(infra.postgres());
            case S3 -> List.of(infra.s3());
            default -> List.of();
        };
    }

    @Override
    public void close() {
        infra.close();
        cluster.close();
    }
}
