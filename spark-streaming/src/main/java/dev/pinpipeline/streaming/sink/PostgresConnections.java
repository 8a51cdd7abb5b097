package dev.pinpipeline.streaming.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The JDBC connections of one JVM (driver or executor), kept open between batches: opening a connection costs
 * more than writing a small batch. A connection that failed is closed, never returned to the pool.
 */
public final class PostgresConnections {

    private static final Map<String, ConcurrentLinkedDeque<Connection>> IDLE = new ConcurrentHashMap<>();

    private PostgresConnections() {}

    /** A connection in manual-commit mode, with batched inserts rewritten into multi-row statements. */
    public static Connection borrow(SinkSettings settings) throws SQLException {
        Connection idle = idle(settings).pollFirst();
        while (idle != null) {
            if (!idle.isClosed()) {
                return idle;
            }
            idle = idle(settings).pollFirst();
        }
        return open(settings.jdbcUrl(), settings.user(), settings.password());
    }

    public static void giveBack(SinkSettings settings, Connection connection) {
        idle(settings).offerFirst(connection);
    }

    public static void discard(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it is broken anyway
        }
    }

    /** Opens a connection for the sink or the schema migration. */
    public static Connection open(String jdbcUrl, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("ApplicationName", "pin-streaming");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "120");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        connection.setAutoCommit(false);
        return connection;
    }

    private static ConcurrentLinkedDeque<Connection> idle(SinkSettings settings) {
        return IDLE.computeIfAbsent(settings.jdbcUrl() + "|" + settings.user(), key -> new ConcurrentLinkedDeque<>());
    }
}
