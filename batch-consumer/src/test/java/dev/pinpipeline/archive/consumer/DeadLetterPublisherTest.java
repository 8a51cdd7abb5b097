package dev.pinpipeline.archive.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinpipeline.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

    /** Refuses records whose value is larger than {@code limit}, as a producer or broker size limit does. */
    private static final class SizeLimitedProducer extends MockProducer<byte[], byte[]> {
        private final int limit;
        private RuntimeException nextError;

        SizeLimitedProducer(int limit) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.limit = limit;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
            Future<RecordMetadata> sent = super.send(record);
            if (nextError != null) {
                RuntimeException error = nextError;
                nextError = null;
                return CompletableFuture.failedFuture(error);
            }
            if (record.value().length > limit) {
                return CompletableFuture.failedFuture(new RecordTooLargeException("too large"));
            }
            return sent;
        }
    }

    private final SizeLimitedProducer producer = new SizeLimitedProducer(1024 * 1024);
    private final DeadLetterPublisher publisher = new DeadLetterPublisher(producer, "pins.dlq");

    private static ConsumerRecord<byte[], byte[]> poison(byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("source-header", new byte[] {1});
        return new ConsumerRecord<>(
                "pins",
                2,
                42,
                1_000L,
                TimestampType.CREATE_TIME,
                -1,
                value.length,
                "key".getBytes(StandardCharsets.UTF_8),
                value,
                headers,
                Optional.empty());
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsTheValueUnchangedKeyedByTheSourceCoordinatesWithTheReason() throws Exception {
        byte[] value = "not json".getBytes(StandardCharsets.UTF_8);

        boolean truncated = publisher.confirm(publisher.publish(poison(value), "value is not valid JSON"));

        assertThat(truncated).isFalse();
        assertThat(producer.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo("pins.dlq");
            assertThat(sent.value()).isEqualTo(value);
            assertThat(sent.key()).isEqualTo("pins/2/42".getBytes(StandardCharsets.UTF_8));
            assertThat(header(sent, DeadLetter.PRODUCER)).isEqualTo("batch-consumer");
            assertThat(header(sent, "event_id"))
                    .as("no header: the id of the coordinates")
                    .isEqualTo("8f749758-014e-c995-304e-b25fffa6231f");
            assertThat(header(sent, "ingested_at"))
                    .as("no header: the record timestamp")
                    .isEqualTo("1970-01-01T00:00:01.000Z");
            assertThat(header(sent, DeadLetter.REASON)).isEqualTo("value is not valid JSON");
            assertThat(header(sent, DeadLetter.SOURCE_OFFSET)).isEqualTo("42");
            assertThat(header(sent, DeadLetter.TRUNCATED)).isNull();
        });
    }

    @Test
    void aRecordTooLargeForTheDeadLetterTopicIsSentAgainTruncatedWithItsOriginalSize() throws Exception {
        byte[] value = new byte[1024 * 1024 + 1];
        Arrays.fill(value, (byte) 'x');

        boolean truncated = publisher.confirm(publisher.publish(poison(value), "value is not valid JSON"));

        assertThat(truncated).isTrue();
        assertThat(producer.history()).hasSize(2);
        ProducerRecord<byte[], byte[]> fallback = producer.history().get(1);
        assertThat(fallback.value()).isEqualTo(Arrays.copyOf(value, DeadLetter.TRUNCATED_BYTES));
        assertThat(fallback.key()).isEqualTo("pins/2/42".getBytes(StandardCharsets.UTF_8));
        assertThat(header(fallback, DeadLetter.TRUNCATED)).isEqualTo("true");
        assertThat(header(fallback, DeadLetter.ORIGINAL_SIZE)).isEqualTo(Integer.toString(value.length));
        assertThat(header(fallback, DeadLetter.REASON)).isEqualTo("value is not valid JSON");
        assertThat(header(fallback, DeadLetter.SOURCE_TOPIC)).isEqualTo("pins");
        assertThat(header(fallback, DeadLetter.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(fallback, DeadLetter.SOURCE_OFFSET)).isEqualTo("42");
        assertThat(header(fallback, "source-header"))
                .as("the source's own headers are left out")
                .isNull();
    }

    @Test
    void aRetriableErrorIsThrownForALaterRetryWithoutATruncatedCopy() {
        producer.nextError = new NotLeaderOrFollowerException("moved");
        var sent = publisher.publish(poison("not json".getBytes(StandardCharsets.UTF_8)), "value is not valid JSON");

        assertThatThrownBy(() -> publisher.confirm(sent))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NotLeaderOrFollowerException.class);
        assertThat(producer.history()).hasSize(1);
    }
}
