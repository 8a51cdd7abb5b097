package dev.pinpipeline.ingest.kafka;

import dev.pinpipeline.events.IngestedAt;
import java.time.Instant;
import java.util.UUID;

/**
 * A pin the broker acknowledged: the event's identity and where it was written.
 *
 * @param eventId the event's id (the record's {@code event_id} header)
 * @param ingestedAt the ingest time (the record's timestamp and {@code ingested_at} header), in milliseconds
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 */
public record PublishedEvent(UUID eventId, Instant ingestedAt, String topic, int partition, long offset) {

    /** The ingest time as the {@code ingested_at} header has it: ISO-8601 UTC with milliseconds. */
    public String ingestedAtText() {
        return IngestedAt.format(ingestedAt);
    }
}
