package dev.pinpipeline.local.status;

import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.infra.S3Clients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads the pipeline's counters from where the data really is: the ingest service's metrics, the topic's end
 * offsets, the archive objects, the PostgreSQL tables. A source that cannot be read yet reads as -1.
 */
public final class PipelineProbe implements AutoCloseable {

    private final Endpoints endpoints;
    private final URI ingestMetrics;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final KafkaConsumer<byte[], byte[]> kafka;
    private final S3Client s3;
    private final ArchiveCounter archive;
    private final PostedCount posted;
    private Connection postgres;
    private static final Duration LATENCY_WINDOW = Duration.ofSeconds(10);

    /** {@code postedFile} keeps the posted count across restarts of ingest-api and of the launcher. */
    public PipelineProbe(Endpoints endpoints, int ingestPort, Path postedFile) {
        this.endpoints = endpoints;
        this.posted = new PostedCount(postedFile);
        this.ingestMetrics = URI.create("http://127.0.0.1:" + ingestPort + "/actuator/prometheus");
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "local-pipeline-status");
        this.kafka = new KafkaConsumer<>(props);
        this.s3 = S3Clients.local(
                endpoints.s3Endpoint(), endpoints.s3AccessKey(), endpoints.s3SecretKey(), endpoints.s3Region());
        this.archive = new ArchiveCounter(s3, endpoints.bucket(), endpoints.topic());
    }

    public PipelineStatus read() {
        long posted = posted();
        long onKafka = onKafka();
        long archived = archived();
        long[] db = postgres();
        return new PipelineStatus(posted, onKafka, archived, db[0], db[1], db[2] < 0 ? null : Duration.ofMillis(db[2]));
    }

    /**
     * Pins the ingest service accepted (acknowledged by Kafka): its {@code pins.accepted} counter, carried across its
     * restarts ({@link PostedCount}); the last total while it cannot be read.
     */
    long posted() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(ingestMetrics)
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long accepted = (long) PrometheusText.sum(response.body(), "pins_accepted_total", labels -> true);
            if (response.statusCode() != 200 || accepted < 0) {
                return posted.total();
            }
            double started = PrometheusText.sum(response.body(), "process_start_time_seconds", labels -> true);
            return posted.update(started, accepted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return posted.total();
        } catch (Exception e) {
            return posted.total();
        }
    }

    long onKafka() {
        try {
            List<TopicPartition> partitions = kafka.partitionsFor(endpoints.topic(), Duration.ofSeconds(2)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, Duration.ofSeconds(2));
            return ends.values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    long archived() {
        try {
            return archive.count();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * pin_events rows, pins rows, and the median ingest-to-written latency (ms) of the rows written in the last
     * {@link #LATENCY_WINDOW} (-1 when none): pin_events.written_at is set by PostgreSQL when the row is written.
     */
    long[] postgres() {
        long[] result = {-1, -1, -1};
        try {
            if (postgres == null || postgres.isClosed()) {
                postgres = DriverManager.getConnection(
                        endpoints.postgresJdbcUrl(), endpoints.postgresUser(), endpoints.postgresPassword());
            }
            try (Statement st = postgres.createStatement()) {
                try (ResultSet rs =
                        st.executeQuery("select (select count(*) from pin_events), (select count(*) from pins), "
                                + "(select (extract(epoch from percentile_cont(0.5) within group (order by written_at - ingested_at)) * 1000)::bigint "
                                + "from pin_events where written_at > clock_timestamp() - interval '"
                                + LATENCY_WINDOW.toSeconds() + " seconds')")) {
                    rs.next();
                    result[0] = rs.getLong(1);
                    result[1] = rs.getLong(2);
                    long latency = rs.getLong(3);
                    result[2] = rs.wasNull() ? -1 : latency;
                }
            }
        } catch (SQLException e) {
            closePostgres();
        }
        return result;
    }

    private void closePostgres() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (SQLException ignored) {
            // already broken
        }
        postgres = null;
    }

    @Override
    public void close() {
        closePostgres();
        kafka.close();
        s3.close();
    }
}
