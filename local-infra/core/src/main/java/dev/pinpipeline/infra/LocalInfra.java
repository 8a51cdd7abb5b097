package dev.pinpipeline.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Real Kafka, S3 and PostgreSQL servers as local processes, for tests and for the local run.
 *
 * <pre>{@code
 * try (LocalInfra infra = LocalInfra.builder().kafka().s3().postgres().start()) {
 *     infra.kafka().bootstrapServers();   // 127.0.0.1:PORT
 *     infra.s3().endpoint();              // http://127.0.0.1:PORT
 *     infra.postgres().jdbcUrl();         // jdbc:postgresql://127.0.0.1:PORT/pins
 * }
 * }</pre>
 *
 * Each server runs in its own JVM and stops when {@link #close()} is called or when this JVM dies (even by
 * SIGKILL). Data lives under {@link #dataDir()}: a temporary directory deleted on close, or the caller's
 * directory, kept between runs. Logs are in {@code dataDir/logs/<server>.log}.
 */
public final class LocalInfra implements AutoCloseable {

    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private final Map<Server, LocalServer> servers;

    private LocalInfra(Builder builder, Path dataDir, boolean deleteDataDirOnClose) {
        this.dataDir = dataDir;
        this.deleteDataDirOnClose = deleteDataDirOnClose;
        LaunchOptions launch = new LaunchOptions(builder.startTimeout, builder.fullJit, deleteDataDirOnClose);
        Map<Server, LocalServer> chosen = new LinkedHashMap<>();
        for (Server server : builder.servers) {
            chosen.put(
                    server,
                    switch (server) {
                        case KAFKA -> new LocalKafka(dataDir, builder.kafkaPort, builder.kafkaProperties, launch);
                        case S3 -> new LocalS3(dataDir, builder.s3Port, launch);
                        case POSTGRES -> new LocalPostgres(dataDir, builder.postgresPort, launch);
                    });
        }
        this.servers = Map.copyOf(chosen);
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalKafka kafka() {
        return (LocalKafka) server(Server.KAFKA);
    }

    public LocalS3 s3() {
        return (LocalS3) server(Server.S3);
    }

    public LocalPostgres postgres() {
        return (LocalPostgres) server(Server.POSTGRES);
    }

    /** The handle of a server chosen in the builder. */
    public LocalServer server(Server server) {
        LocalServer handle = servers.get(server);
        if (handle == null) {
            throw new IllegalStateException(server.displayName() + " was not chosen: add ."
                    + server.name().toLowerCase(java.util.Locale.ROOT) + "() to LocalInfra.builder()");
        }
        return handle;
    }

    /** The servers chosen in the builder, in {@link Server} order. */
    public List<LocalServer> servers() {
        return servers.values().stream()
                .sorted(Comparator.comparing(LocalServer::server))
                .toList();
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Starts every chosen server that is not running, in parallel, and waits until all are healthy. If one
     * fails, the others are stopped and the data dir is kept, for its logs.
     */
    public LocalInfra startAll() {
        try {
            forEachInParallel(servers(), LocalServer::start);
        } catch (RuntimeException e) {
            forEachInParallel(servers(), LocalServer::stop);
            throw e;
        }
        return this;
    }

    /**
     * The shared configuration environment variables pointing at these servers (KAFKA_BOOTSTRAP_SERVERS,
     * S3_ENDPOINT, AWS_*, POSTGRES_*), for launching services and jobs against them.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (servers.containsKey(Server.KAFKA)) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka().bootstrapServers());
        }
        if (servers.containsKey(Server.S3)) {
            env.put("S3_ENDPOINT", s3().endpoint());
            env.put("AWS_REGION", s3().region());
            env.put("AWS_ACCESS_KEY_ID", s3().accessKey());
            env.put("AWS_SECRET_ACCESS_KEY", s3().secretKey());
        }
        if (servers.containsKey(Server.POSTGRES)) {
            env.put("POSTGRES_URL", postgres().jdbcUrl());
            env.put("POSTGRES_USER", postgres().user());
            env.put("POSTGRES_PASSWORD", postgres().password());
        }
        return env;
    }

    /** A few lines for humans: each server's endpoint, and where data and logs are. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (LocalServer server : servers()) {
            text.append(server.describe())
                    .append(server.isRunning() ? "" : "  (stopped)")
                    .append('\n');
        }
        text.append("Data dir    ").append(dataDir).append('\n');
        text.append("Logs        ").append(dataDir.resolve("logs"));
        return text.toString();
    }

    /** Stops every server; deletes the data dir if it was a temporary one. */
    @Override
    public void close() {
        forEachInParallel(servers(), LocalServer::stop);
        if (deleteDataDirOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static void forEachInParallel(List<LocalServer> servers, Consumer<LocalServer> action) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (LocalServer server : servers) {
            running.add(CompletableFuture.runAsync(() -> action.accept(server), command -> {
                Thread thread = new Thread(
                        command, "local-infra-" + server.server().name().toLowerCase(java.util.Locale.ROOT));
                thread.setDaemon(true);
                thread.start();
            }));
        }
        RuntimeException failure = null;
        for (CompletableFuture<Void> future : running) {
            try {
                future.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }

    /** Chooses the servers, ports and data dir; {@link #start()} starts them. */
    public static final class Builder {

        private final Set<Server> servers = EnumSet.noneOf(Server.class);
        private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
        private Path dataDir;
        private int kafkaPort;
        private int s3Port;
        private int postgresPort;
        private Duration startTimeout = Duration.ofSeconds(180);
        private boolean fullJit;

        private Builder() {}

        /** Where servers keep data and logs, kept between runs; default: a temporary directory deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder kafka() {
            servers.add(Server.KAFKA);
            return this;
        }

        public Builder s3() {
            servers.add(Server.S3);
            return this;
        }

        public Builder postgres() {
            servers.add(Server.POSTGRES);
            return this;
        }

        public Builder servers(Server... chosen) {
            servers.addAll(List.of(chosen));
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = checkPort("Kafka", port);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder s3Port(int port) {
            this.s3Port = checkPort("S3", port);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder postgresPort(int port) {
            this.postgresPort = checkPort("PostgreSQL", port);
            return this;
        }

        /** An extra broker setting, e.g. {@code kafkaProperty("num.partitions", "3")}. */
        public Builder kafkaProperty(String name, String value) {
            kafkaProperties.put(name, value);
            return this;
        }

        /** How long to wait for each server to become healthy (default 180 s: a busy 2-core machine is slow). */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Runs the server JVMs with the full JIT compiler (C2), for benchmarks and long local runs. By default
         * they run with C1 only, which starts them in about half the time on a busy 2-core machine.
         */
        public Builder fullJit(boolean fullJit) {
            this.fullJit = fullJit;
            return this;
        }

        private static int checkPort(String server, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(server + " port must be 0 (any free port) or 1-65535: " + port);
            }
            return port;
        }

        /** The configured servers, none started yet: each starts on its handle's {@code start()}. */
        public LocalInfra build() {
            if (servers.isEmpty()) {
                throw new IllegalStateException("Choose at least one server: .kafka(), .s3() or .postgres()");
            }
            try {
                if (dataDir == null) {
                    return new LocalInfra(this, Files.createTempDirectory("local-infra-"), true);
                }
                Files.createDirectories(dataDir);
                return new LocalInfra(this, dataDir.toAbsolutePath(), false);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data dir " + dataDir, e);
            }
        }

        /** Starts the chosen servers in parallel and waits until each is healthy. */
        public LocalInfra start() {
            return build().startAll();
        }
    }
}
