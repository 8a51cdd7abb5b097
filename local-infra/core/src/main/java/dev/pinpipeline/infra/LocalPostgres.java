package dev.pinpipeline.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

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

    @Override
    public String describe() {
        return "PostgreSQL  url=" + jdbcUrl() + " user=" + USER + " password=" + PASSWORD
                + " (superuser: " + superuser() + " at " + superuserJdbcUrl() + ", no password)";
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
        return List.of("-Xmx128m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
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
