package dev.pinpipeline.infra.server.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL from zonky's embedded binaries, run by the local-infra launcher's JVM. The cluster lives in
 * {@code dataDir} and is kept between starts; on every start the application role and database exist.
 *
 * <p>Launcher settings: {@code port}, {@code dataDir}, {@code database}, {@code user}, {@code password}.
 * The role is a superuser so jobs can run migrations and create roles, as on a developer's own server.
 */
public final class EmbeddedPostgresServer implements Callable<AutoCloseable> {

    private final int port;
    private final Path dataDir;
    private final String database;
    private final String user;
    private final String password;

    public EmbeddedPostgresServer(Properties settings) {
        this.port = Integer.parseInt(settings.getProperty("port"));
        this.dataDir = Path.of(settings.getProperty("dataDir"));
        this.database = settings.getProperty("database");
        this.user = settings.getProperty("user");
        this.password = settings.getProperty("password");
    }

    @Override
    public AutoCloseable call() throws Exception {
        Files.createDirectories(dataDir.getParent());
        stopLeftoverServer();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(90))
                // zonky runs with fsync off (-F), fine locally: only an OS crash could lose data. But its default
                // synchronous_commit=off would let a killed server lose transactions it had confirmed, which
                // fault tests must never see.
                .setServerConfig("synchronous_commit", "on")
                .start();
        try {
            ensureRoleAndDatabase(postgres);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /**
     * A postmaster left running by a launcher that was itself killed (SIGKILL) still holds the data dir: stop
     * it. A postmaster.pid naming a process that is not a postmaster of this data dir (dead, or its pid reused)
     * is stale: delete it, or PostgreSQL would refuse to start when the pid belongs to a live process.
     */
    private void stopLeftoverServer() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> leftover = lines.isEmpty()
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(this::isPostmasterOfThisDataDir);
        if (leftover.isEmpty()) {
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle process = leftover.get();
        System.out.println("Stopping a PostgreSQL left over from an earlier run, pid " + process.pid());
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception notStopped) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    private boolean isPostmasterOfThisDataDir(ProcessHandle process) {
        return process.info()
                .commandLine()
                .map(line -> line.contains("postgres") && line.contains(dataDir.toString()))
                .orElse(false);
    }

    private void ensureRoleAndDatabase(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
                statement.execute("CREATE ROLE " + quoteIdentifier(user) + " WITH LOGIN SUPERUSER PASSWORD "
                        + quoteLiteral(password));
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                // Pins carry any Unicode (emoji included): UTF8 whatever the cluster's default.
                statement.execute("CREATE DATABASE " + quoteIdentifier(database) + " OWNER " + quoteIdentifier(user)
                        + " ENCODING 'UTF8' TEMPLATE template0");
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
