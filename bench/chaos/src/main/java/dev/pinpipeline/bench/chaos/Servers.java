package dev.pinpipeline.bench.chaos;

import dev.pinpipeline.infra.LocalServer;
import dev.pinpipeline.local.Endpoints;
import java.util.List;
import java.util.Random;

/** The servers under the pipeline: one Kafka broker as ./pipeline runs it, or a Kafka cluster. */
interface Servers extends AutoCloseable {

    Endpoints endpoints();

    /** The server process a fault on this component kills (for a cluster: the leader of a random partition). */
    LocalServer target(Component component, Random random);

    /** Every server process of the component. */
    List<LocalServer> all(Component component);

    /** A line for the fault table, e.g. which node led which partition. */
    default String describeTarget(LocalServer server) {
        return "";
    }

    @Override
    void close();
}
