package dev.pinpipeline.bench.chaos;

import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.infra.S3Clients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The signals of progress the scheduler watches to call a component recovered: objects in the archive, rows in
 * pin_events (acknowledgements come from {@link AckPoster}). Each answers -1 while its server is unreachable.
 */
final class Probes implements AutoCloseable {

    private final Endpoints endpoints;
    private final S3Client s3;

    Probes(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.s3 = S3Clients.local(endpoints.s3Endpoint(), endpoints.s3AccessKey(), endpoints.s3SecretKey(),
                endpoints.s3Region());
    }

    S3Client s3() {
        return s3;
    }

    /** Archive objects below raw/{topic}/, or -1. */
    long archiveObjects() {
        try {
            return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(endpoints.bucket())
                            .prefix("raw/" + endpoints.topic() + "/").build())
                    .contents().stream().filter(o -> o.key().endsWith(".jsonl.gz")).count();
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }

    /** The keys below curated/ now (spark-batch's output, its temporary files included), or null if unreachable. */
    Set<String> curatedKeys() {
        try {
            return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(endpoints.bucket())
                    .prefix("curated/").build()).contents().stream().map(S3Object::key).collect(Collectors.toSet());
        } catch (RuntimeException unreachable) {
            return null;
        }
    }

    long pinEvents() {
        try (Connection c = connect(endpoints); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pin_events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException unreachable) {
            return -1;
        }
    }

    static boolean tableExists(Endpoints endpoints, String table) {
        try (Connection c = connect(endpoints); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('" + table + "') is not null")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException unreachable) {
            return false;
        }
    }

    static Connection connect(Endpoints endpoints) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", endpoints.postgresUser());
        props.setProperty("password", endpoints.postgresPassword());
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(endpoints.postgresJdbcUrl(), props);
    }

    @Override
    public void close() {
        s3.close();
    }
}
