package dev.pinpipeline.ingest.pin;

import dev.pinpipeline.ingest.kafka.PublishedEvent;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to an accepted pin: the event Kafka acknowledged and where it is.
 *
 * @param eventId the event's id, as in the record's {@code event_id} header
 * @param ingestedAt the ingest time, ISO-8601 UTC with milliseconds, as in the {@code ingested_at} header
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PinReceipt(UUID eventId, String ingestedAt, String topic, int partition, long offset) {

    static PinReceipt of(PublishedEvent event) {
        return new PinReceipt(
                event.eventId(), event.ingestedAtText(), event.topic(), event.partition(), event.offset());
    }
}
