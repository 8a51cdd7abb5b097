package dev.pinpipeline.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * PostgreSQL (zonky's embedded binaries) on 127.0.0.1, with database {@code pins} owned by the superuser role
 * {@code pins}/{@code pins}. Its data directory is kept between starts.
 */
public final class LocalPostgres extends LocalServer {

    public static final String DATABASE = "pins";
    public static final String USER = "pins";
    public static final String PASSWORD = "pins";

    LocalPostgres(Path dataDir, int port, LaunchOptions launch) {
        super(Server.POSTGRES, dataDir, port, launch);
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/pins}. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The JDBC URL of another database on the same server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The cluster's bootstrap superuser ({@code postgres}, trusted without a password on 127.0.0.1). */
    public String superuserJdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String superuser() {
        return "postgres";
    }

    /** The postmaster outlives its launcher (pg_ctl detaches it): a crash takes it down too. */
    @Override
    void afterKill() {
        Path clusterDir = serverDir().resolve("cluster");
        Path pidFile = clusterDir.resolve("postmaster.pid");
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                ProcessHandle.of(pid)
                        .filter(p -> p.info()
                                .commandLine()
                                .map(line -> line.contains(clusterDir.toString()))
                                .orElse(false))
                        .ifPresent(LocalPostgres::killWithItsBackends);
            }
        } catch (IOException | RuntimeException e) {
            throw new LocalInfraException("Could not kill PostgreSQL's postmaster (" + pidFile + ")", e);
        }
    }

    /** Backends still attached to the shared memory would stop the next start: they go down with it. */
    private static void killWithItsBackends(ProcessHandle postmaster) {
        List<ProcessHandle> processes =
                Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        processes.forEach(process -> process.onExit().join());
    }

    @Override
    public String describe() {
        return "PostgreSQL  url=" + jdbcUrl() + " user=" + USER + " password=" + PASSWORD + " (superuser: "
                + superuser() + " at " + superuserJdbcUrl() + ", no password)";
    }

    @Override
    String serverModule() {
        return "local-infra-postgres-server";
    }

    @Override
    String serverClass() {
        return "dev.pinpipeline.infra.server.postgres.EmbeddedPostgresServer";
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Xmx128m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    }

    @Override
    Properties settings() {
        Properties settings = new Properties();
        settings.setProperty("port", Integer.toString(port()));
        settings.setProperty("dataDir", serverDir().resolve("cluster").toString());
        settings.setProperty("database", DATABASE);
        settings.setProperty("user", USER);
        settings.setProperty("password", PASSWORD);
        return settings;
    }
}
