package dev.pinpipeline.streaming.sink;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.pinpipeline.retry.Backoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch of classified events: poison records first to the dead-letter topic (only those pin_rejects
 * does not hold yet), then everything to PostgreSQL in one transaction. A transient failure (PostgreSQL or Kafka
 * down) is retried with exponential backoff, one log line per attempt, until it succeeds: the query's offsets are
 * committed only after the batch is written, and the writes are idempotent, so nothing is lost or doubled.
 */
final class PinBatchWriter {

    private static final Logger log = LoggerFactory.getLogger(PinBatchWriter.class);

    private final SinkSettings settings;
    private final RetryPolicy<Object> retryPolicy;

    public PinBatchWriter(SinkSettings settings) {
        this.settings = settings;
        this.retryPolicy = retryPolicy(settings);
    }

    public void write(List<PinEvent> events) {
        if (!events.isEmpty()) {
            Failsafe.with(retryPolicy)
                    .onSuccess(event -> {
                        if (event.getAttemptCount() > 1) {
                            log.info(
                                    "Batch of {} events written after {} attempts",
                                    events.size(),
                                    event.getAttemptCount());
                        }
                    })
                    .run(() -> attempt(events));
        }
    }

    private void attempt(List<PinEvent> events) throws SQLException, InterruptedException {
        Connection connection = PostgresConnections.borrow(settings);
        try {
            List<PinEvent> rejects = events.stream().filter(PinEvent::isReject).toList();
            if (!rejects.isEmpty()) {
                Set<String> known = PostgresPinStore.knownRejects(connection, rejects);
                DeadLetterPublisher.publish(
                        settings,
                        rejects.stream()
                                .filter(r -> !known.contains(r.coordinates()))
                                .toList());
            }
            PostgresPinStore.write(connection, events);
            connection.commit();
        } catch (SQLException | RuntimeException | InterruptedException e) {
            PostgresConnections.discard(connection);
            throw e;
        }
        PostgresConnections.giveBack(settings, connection);
    }

    private static RetryPolicy<Object> retryPolicy(SinkSettings settings) {
        RetryPolicyBuilder<Object> builder = new Backoff(settings.firstBackoff(), settings.maxBackoff())
                .retryPolicy()
                .handleIf(TransientFailures::isTransient)
                .onFailedAttempt(event -> log.warn(
                        "Write of a batch failed (attempt {}): {}; retrying with backoff",
                        event.getAttemptCount(),
                        TransientFailures.describe(event.getLastException())))
                .onRetriesExceeded(event -> log.error(
                        "Giving up on a batch after {} attempts over {} s",
                        event.getAttemptCount(),
                        event.getElapsedTime().toSeconds()));
        if (!settings.maxRetryTime().isZero()) {
            builder.withMaxDuration(settings.maxRetryTime());
        }
        return builder.build();
    }
}
