package dev.pinpipeline.streaming.lag;

import dev.pinpipeline.streaming.sink.PostgresConnections;
import dev.pinpipeline.streaming.sink.TransientFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each progress report's lag per Kafka partition to {@code streaming_partition_lag}, so that operators see it
 * in psql and Grafana (the job has no metrics endpoint of its own). A report arrives after each micro-batch, and in
 * real-time mode at each checkpoint interval. A failed write is logged and skipped: the lag is for watching, the
 * stream never waits for it.
 */
public final class PartitionLagReporter extends StreamingQueryListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionLagReporter.class);

    static final String UPSERT = """
            INSERT INTO streaming_partition_lag (topic, "partition", next_offset, latest_offset, offsets_behind, reported_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (topic, "partition") DO UPDATE SET next_offset = EXCLUDED.next_offset,
                latest_offset = EXCLUDED.latest_offset, offsets_behind = EXCLUDED.offsets_behind,
                reported_at = EXCLUDED.reported_at""";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private boolean lastWriteFailed;

    public PartitionLagReporter(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        List<PartitionLag> lags = new ArrayList<>();
        for (SourceProgress source : event.progress().sources()) {
            lags.addAll(PartitionLag.of(source.endOffset(), source.latestOffset()));
        }
        if (!lags.isEmpty()) {
            write(lags, Instant.parse(event.progress().timestamp()));
        }
    }

    private synchronized void write(List<PartitionLag> lags, Instant reportedAt) {
        try (Connection connection = PostgresConnections.open(jdbcUrl, user, password);
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (PartitionLag lag : lags) {
                upsert.setString(1, lag.topic());
                upsert.setInt(2, lag.partition());
                upsert.setLong(3, lag.nextOffset());
                upsert.setLong(4, lag.latestOffset());
                upsert.setLong(5, lag.offsetsBehind());
                upsert.setTimestamp(6, Timestamp.from(reportedAt));
                upsert.addBatch();
            }
            upsert.executeBatch();
            connection.commit();
            lastWriteFailed = false;
        } catch (SQLException | RuntimeException e) {
            if (!lastWriteFailed) {
                log.warn("Could not record the partition lag (the stream goes on): {}", TransientFailures.describe(e));
            }
            lastWriteFailed = true;
        }
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}
}
