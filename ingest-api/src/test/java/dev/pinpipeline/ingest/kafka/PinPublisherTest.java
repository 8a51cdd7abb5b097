package dev.pinpipeline.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PinPublisherTest {

    private static final Instant NOW = Instant.parse("2026-11-26T13:45:50Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private PinPublisher publisher(MockProducer<String, byte[]> producer) {
        return new PinPublisher(producer, "PinterestTopic", Clock.fixed(NOW, ZoneOffset.UTC), registry);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void publishWritesTheRecordAsEventsMdSays() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        byte[] value = "{\"index\":1}".getBytes(StandardCharsets.UTF_8);
        UUID eventId = UUID.fromString("3c0e1f4e-7d1a-3b2c-9a4e-0f1e2d3c4b5a");

        PublishedEvent event =
                PinPublisher.await(publisher(producer).publish(eventId, "the-key", value), Duration.ofSeconds(1));

        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("PinterestTopic");
        assertThat(record.key()).isEqualTo("the-key");
        assertThat(record.value()).isEqualTo(value);
        assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
        assertThat(event.eventId()).isEqualTo(eventId);
        assertThat(header(record, "event_id")).isEqualTo("3c0e1f4e-7d1a-3b2c-9a4e-0f1e2d3c4b5a");
        // milliseconds are written even when they are zero
        assertThat(header(record, "ingested_at")).isEqualTo("2026-11-26T13:45:50.000Z");
        assertThat(event.ingestedAt()).isEqualTo(NOW);
        assertThat(event.topic()).isEqualTo("PinterestTopic");
        assertThat(registry.timer("pins.produce.latency").count()).isEqualTo(1);
    }

    @Test
    void awaitGivesUpAtTheTimeoutAsRetriable() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        CompletableFuture<PublishedEvent> publishing = publisher(producer).publish(UUID.randomUUID(), "k", new byte[0]);

        assertThatExceptionOfType(PinNotPublishedException.class)
                .isThrownBy(() -> PinPublisher.await(publishing, Duration.ofMillis(50)))
                .satisfies(ex -> assertThat(ex.isRetriable()).isTrue());
    }

    @Test
    void aRetriableBrokerErrorIsRetriable() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        CompletableFuture<PublishedEvent> publishing = publisher(producer).publish(UUID.randomUUID(), "k", new byte[0]);
        producer.errorNext(new NotLeaderOrFollowerException("moved"));

        assertThatExceptionOfType(PinNotPublishedException.class)
                .isThrownBy(() -> PinPublisher.await(publishing, Duration.ofSeconds(1)))
                .satisfies(ex -> assertThat(ex.isRetriable()).isTrue());
    }

    @Test
    void aRefusedRecordIsNotRetriable() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        CompletableFuture<PublishedEvent> publishing = publisher(producer).publish(UUID.randomUUID(), "k", new byte[0]);
        producer.errorNext(new RecordTooLargeException("too large"));

        assertThatExceptionOfType(PinNotPublishedException.class)
                .isThrownBy(() -> PinPublisher.await(publishing, Duration.ofSeconds(1)))
                .satisfies(ex -> assertThat(ex.isRetriable()).isFalse());
    }
}
