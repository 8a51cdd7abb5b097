package dev.pinpipeline.bench.chaos;

import dev.pinpipeline.infra.LocalServer;
import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.process.ChildProcess;
import dev.pinpipeline.local.process.Supervisor;
import dev.pinpipeline.local.run.Health;
import dev.pinpipeline.local.run.ServiceCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The whole local pipeline as {@code ./pipeline} runs it (local-pipeline's LocalStack and ServiceCommands: same
 * servers, same command lines), but with every process in reach of a SIGKILL: the servers through local-infra's
 * {@code kill()}, the services as child processes this class starts itself. Two batch-consumer instances share the
 * consumer group; two emulators post the real sample and generated pins. With more than one broker, Kafka is a
 * local-infra cluster instead of ./pipeline's single broker.
 *
 * <p>With a network namespace name, batch-consumer-2 and spark-streaming run inside that namespace of the run's own,
 * reaching Kafka, PostgreSQL and S3 over one veth link each (through {@link Forwarder}s, so every address stays
 * 127.0.0.1:PORT for them): {@link #cut} takes a link down to partition them from one server.
 */
final class ChaosStack implements AutoCloseable {

    static final String TOPIC = "PinterestTopic";
    static final String BUCKET = "pinterestdata";
    static final int PARTITIONS = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final ProjectLayout layout;
    private final Path dataDir;
    private final int emulatorRate;
    private final long seed;
    private final int brokers;
    private final String namespaceName;
    private final List<Forwarder> forwarders = new ArrayList<>();
    private NetworkNamespace namespace;
    private final Map<Component, LocalServer> killedServers = new EnumMap<>(Component.class);
    private final Map<Component, ChildProcess> children = new EnumMap<>(Component.class);
    private final Map<Component, Integer> ports = new EnumMap<>(Component.class);
    private Servers servers;
    private Supervisor supervisor;
    private ServiceCommands commands;
    private int emulatorStarts;

    ChaosStack(ProjectLayout layout, Path dataDir, int emulatorRate, long seed, int brokers, String namespaceName) {
        this.brokers = brokers;
        this.namespaceName = namespaceName;
        this.layout = layout;
        this.dataDir = dataDir;
        this.emulatorRate = emulatorRate;
        this.seed = seed;
    }

    /** Starts the servers, then the services, and waits until each is ready. */
    void start() {
        servers = brokers == 1 ? new SingleBrokerServers(dataDir.resolve("infra"))
                : new ClusterServers(dataDir.resolve("infra"), brokers);
        supervisor = new Supervisor(dataDir.resolve("logs"), layout.root());
        commands = new ServiceCommands(layout, servers.endpoints(), dataDir);
        if (namespaceName != null) {
            joinNamespace();
        }
        for (Component service : List.of(Component.INGEST_API, Component.BATCH_CONSUMER_1, Component.BATCH_CONSUMER_2)) {
            ports.put(service, Ports.pick());
        }
        for (Component service : List.of(Component.INGEST_API, Component.BATCH_CONSUMER_1, Component.BATCH_CONSUMER_2,
                Component.SPARK_STREAMING)) {
            startProcess(service);
        }
        for (Component service : List.of(Component.INGEST_API, Component.BATCH_CONSUMER_1, Component.BATCH_CONSUMER_2)) {
            Health.await(children.get(service), () -> isUp(service), START_TIMEOUT);
        }
        Health.await(children.get(Component.SPARK_STREAMING), () -> Probes.tableExists(endpoints(), "pin_events"),
                START_TIMEOUT);
    }

    /** Whether a component runs inside the run's network namespace. */
    private boolean insideNamespace(Component component) {
        return namespace != null
                && (component == Component.BATCH_CONSUMER_2 || component == Component.SPARK_STREAMING);
    }

    /**
     * Creates the namespace with a link per server (kafka, postgres, s3), forwarders on the host from each link's
     * host address to the server, and a forwarder process inside from 127.0.0.1 to the link.
     */
    private void joinNamespace() {
        Endpoints e = servers.endpoints();
        namespace = NetworkNamespace.create(namespaceName, (int) (ProcessHandle.current().pid() % 60),
                List.of("kafka", "postgres", "s3"));
        List<String> routes = new ArrayList<>();
        try {
            for (String broker : e.kafkaBootstrapServers().split(",")) {
                routes.add(forward("kafka", Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1))));
            }
            routes.add(forward("postgres", URI.create(e.postgresJdbcUrl().substring("jdbc:".length())).getPort()));
            routes.add(forward("s3", URI.create(e.s3Endpoint()).getPort()));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot forward to the namespace", ex);
        }
        List<String> command = new ArrayList<>(namespace.prefix());
        command.addAll(List.of(dev.pinpipeline.local.process.JavaCommand.javaExecutable(), "-Xmx64m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Forwarder.class.getName()));
        command.addAll(routes);
        supervisor.start("namespace-forwarder", command, Map.of());
    }

    /** A host forwarder from the link's host address to the server; returns the route for the inside forwarder. */
    private String forward(String link, int port) throws IOException {
        NetworkNamespace.Link l = namespace.link(link);
        forwarders.add(new Forwarder(l.hostAddress(), port, "127.0.0.1", port));
        return "127.0.0.1:" + port + "=" + l.hostAddress() + ":" + port;
    }

    /** Takes the namespace's link to this server down: the services inside lose it, nothing else does. */
    void cut(String link) {
        namespace.cut(link);
    }

    void heal(String link) {
        namespace.heal(link);
    }

    boolean hasNamespace() {
        return namespace != null;
    }

    void startEmulators() {
        startProcess(Component.EMULATOR_REAL);
        startProcess(Component.EMULATOR_GENERATED);
    }

    Endpoints endpoints() {
        return servers.endpoints();
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ports.get(Component.INGEST_API);
    }

    boolean isServer(Component component) {
        return !servers.all(component).isEmpty();
    }

    /**
     * SIGKILL: local-infra's kill() for a server (PostgreSQL's own processes included), else the child and its
     * descendants. Returns what was killed when there was a choice (a cluster's partition leader), else "".
     */
    String kill(Component component, Random random) {
        if (isServer(component)) {
            LocalServer target = servers.target(component, random);
            target.kill();
            killedServers.put(component, target);
            return servers.describeTarget(target);
        }
        ChildProcess child = children.get(component);
        if (child != null) {
            List<ProcessHandle> descendants = child.process().descendants().toList();
            child.process().destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            try {
                child.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return "";
    }

    /** Starts it again: a server on its port and data (waits until healthy), a service as a new process. */
    void restart(Component component) {
        if (isServer(component)) {
            LocalServer killed = killedServers.remove(component);
            (killed == null ? servers.all(component) : List.of(killed)).forEach(LocalServer::start);
        } else {
            startProcess(component);
        }
    }

    boolean isAlive(Component component) {
        if (isServer(component)) {
            return servers.all(component).stream().allMatch(LocalServer::isRunning);
        }
        ChildProcess child = children.get(component);
        return child != null && child.isAlive();
    }

    /** Ready to serve: a Spring service's health is UP; for the others, the process is alive. */
    boolean isUp(Component component) {
        return switch (component) {
            case INGEST_API, BATCH_CONSUMER_1, BATCH_CONSUMER_2 -> Health.isUp("http://"
                    + (insideNamespace(component) ? namespace.link("s3").namespaceAddress() : "127.0.0.1") + ":"
                    + ports.get(component) + "/actuator/health");
            default -> isAlive(component);
        };
    }

    /** Starts spark-batch for one day (the day need not be closed); the caller kills it or waits for it. */
    ChildProcess startBatch(String date) {
        ChildProcess batch = supervisor.start(Component.SPARK_BATCH.label(),
                commands.dailyBatch(date, List.of("--no-require-success")), commands.batchEnvironment());
        children.put(Component.SPARK_BATCH, batch);
        return batch;
    }

    /** Stops the emulators as Ctrl-C would (they drain what is in flight). */
    void stopEmulators() {
        for (Component emulator : List.of(Component.EMULATOR_REAL, Component.EMULATOR_GENERATED)) {
            ChildProcess child = children.get(emulator);
            if (child != null) {
                child.stop(Duration.ofSeconds(20));
            }
        }
    }

    private void startProcess(Component component) {
        ChildProcess child = switch (component) {
            case INGEST_API -> supervisor.start(component.label(), commands.ingestApi(),
                    commands.ingestApiEnvironment(ports.get(component)));
            case BATCH_CONSUMER_1, BATCH_CONSUMER_2 -> supervisor.start(component.label(),
                    placed(component, commands.batchConsumer()), commands.batchConsumerEnvironment(ports.get(component)));
            case SPARK_STREAMING -> supervisor.start(component.label(), placed(component, commands.streamingJob()),
                    commands.streamingEnvironment());
            case EMULATOR_REAL -> supervisor.start(component.label(), commands.userEmulator(ports.get(Component.INGEST_API),
                    List.of("--rate", Integer.toString(emulatorRate), "--seed", Long.toString(seed + emulatorStarts++))),
                    Map.of());
            case EMULATOR_GENERATED -> supervisor.start(component.label(), commands.userEmulator(
                    ports.get(Component.INGEST_API), List.of("--generate", "--rate", Integer.toString(emulatorRate),
                            "--seed", Long.toString(seed + emulatorStarts++))), Map.of());
            default -> throw new IllegalArgumentException(component + " is not a service");
        };
        children.put(component, child);
    }

    /** The command, run inside the namespace when the component lives there ({@code ip netns exec} execs it: same pid). */
    private List<String> placed(Component component, List<String> command) {
        if (!insideNamespace(component)) {
            return command;
        }
        List<String> inside = new ArrayList<>(namespace.prefix());
        inside.addAll(command);
        return inside;
    }

    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.close();
        }
        forwarders.forEach(Forwarder::close);
        if (namespace != null) {
            namespace.close();
        }
        if (servers != null) {
            servers.close();
        }
    }
}
