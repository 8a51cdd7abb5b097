package dev.pinpipeline.bench.chaos;

import dev.pinpipeline.infra.LocalServer;
import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.infra.LocalStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Kafka, S3Proxy and PostgreSQL exactly as ./pipeline starts them (local-pipeline's LocalStack). */
final class SingleBrokerServers implements Servers {

    private final LocalStack stack;

    SingleBrokerServers(Path dir) {
        stack = LocalStack.start(dir, new LocalStack.Ports(0, 0, 0), ChaosStack.TOPIC, ChaosStack.PARTITIONS,
                ChaosStack.BUCKET);
    }

    @Override
    public Endpoints endpoints() {
        return stack.endpoints();
    }

    @Override
    public LocalServer target(Component component, Random random) {
        return all(component).get(0);
    }

    @Override
    public List<LocalServer> all(Component component) {
        return switch (component) {
            case KAFKA -> List.of(stack.infra().kafka());
            case POSTGRES -> List.of(stack.infra().postgres());
            case S3 -> List.of(stack.infra().s3());
            default -> List.of();
        };
    }

    @Override
    public void close() {
        stack.close();
    }
}
