package dev.pinpipeline.ingest.kafka;

import dev.pinpipeline.events.EventHeaders;
import dev.pinpipeline.events.IngestedAt;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Produces accepted pins to the pins topic as docs/events.md §1 fixes: key {@code unique_id} (in lower case),
 * value the pin's JSON, timestamp and header {@code ingested_at} the ingest time, header {@code event_id} the id
 * the caller chose (random, or derived from the request's {@code Idempotency-Key}).
 *
 * <p>Knows nothing of HTTP. {@link #publish} returns at once with a future completed by the broker's ack (the
 * producer is idempotent with acks=all); {@link #await} bounds the wait.
 */
public class PinPublisher {

    private final Producer<String, byte[]> producer;

    private final String topic;

    private final Clock clock;

    private final Timer produceLatency;

    public PinPublisher(Producer<String, byte[]> producer, String topic, Clock clock, MeterRegistry meterRegistry) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
        this.produceLatency = Timer.builder("pins.produce.latency")
                .description("Time from handing a pin to the producer to the broker's ack")
                .publishPercentileHistogram()
                .register(meterRegistry);
    }

    /**
     * Sends one pin; the future completes with where it went, or fails with {@link PinNotPublishedException}. A
     * failure does not prove that nothing was written: a broker that stalled may still append the record.
     */
    public CompletableFuture<PublishedEvent> publish(UUID eventId, String key, byte[] pinJson) {
        Instant ingestedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_ID, eventId.toString().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.INGESTED_AT, IngestedAt.format(ingestedAt).getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, null, ingestedAt.toEpochMilli(), key, pinJson, headers);

        CompletableFuture<PublishedEvent> published = new CompletableFuture<>();
        long start = System.nanoTime();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    published.completeExceptionally(notPublished(error));
                } else {
                    produceLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    published.complete(new PublishedEvent(
                            eventId, ingestedAt, metadata.topic(), metadata.partition(), metadata.offset()));
                }
            });
        } catch (KafkaException ex) {
            published.completeExceptionally(notPublished(ex));
        }
        return published;
    }

    /**
     * Waits at most {@code timeout} for a publish to be acknowledged.
     * @throws PinNotPublishedException when it failed or the time ran out (then retriable)
     */
    public static PublishedEvent await(CompletableFuture<PublishedEvent> publishing, Duration timeout) {
        try {
            return publishing.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            throw new PinNotPublishedException("no ack from Kafka within " + timeout.toMillis() + " ms", true, ex);
        } catch (ExecutionException ex) {
            throw (ex.getCause() instanceof PinNotPublishedException notPublished)
                    ? notPublished
                    : notPublished(ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PinNotPublishedException("interrupted while waiting for Kafka's ack", true, ex);
        }
    }

    private static PinNotPublishedException notPublished(Throwable error) {
        boolean retriable = error instanceof RetriableException;
        return new PinNotPublishedException(
                error.getClass().getSimpleName() + ": " + error.getMessage(), retriable, error);
    }
}
