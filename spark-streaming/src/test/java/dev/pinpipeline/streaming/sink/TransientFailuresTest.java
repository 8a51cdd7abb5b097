package dev.pinpipeline.streaming.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void aServerThatIsDownOrRestartingIsWorthWaitingFor() {
        assertThat(TransientFailures.isTransient(new SQLException("refused", "08001")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("admin shutdown", "57P01")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("starting up", "57P03")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("io", "08006"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new DeadLetterPublisher.DeadLetterException(
                        "kafka down", new TimeoutException("Expiring 1 record(s)"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new DeadLetterPublisher.DeadLetterException(
                        "no leader", new NotLeaderOrFollowerException("moved"))))
                .isTrue();
    }

    @Test
    void aDeadLetterThatKafkaRefusesForGoodIsNotRetried() {
        assertThat(TransientFailures.isTransient(new DeadLetterPublisher.DeadLetterException(
                        "too large", new RecordTooLargeException("The message is 1048634 bytes"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new DeadLetterPublisher.DeadLetterException(
                        "denied", new TopicAuthorizationException("pins.dlq"))))
                .isFalse();
    }

    @Test
    void aBugIsNotRetried() {
        assertThat(TransientFailures.isTransient(new SQLException("no such column", "42703")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug")))
                .isFalse();
    }

    @Test
    void theLogLineNamesTheConditionAndItsRootCause() {
        assertThat(TransientFailures.describe(
                        new RuntimeException("write failed", new SQLException("Connection refused"))))
                .isEqualTo("write failed (Connection refused)");
    }
}
