package dev.pinpipeline.streaming.sink;

import dev.pinpipeline.events.EventIds;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One classified event as the sink writes it: a cleaned pin ({@link #isReject()} false) or a reject
 * ({@code rejectReason} and the record's raw bytes {@code rawValue} set, cleaned fields possibly null; a clean
 * event does not carry its bytes). Plain Java, so the PostgreSQL and dead-letter writers can be tested without Spark.
 */
record PinEvent(
        String eventId,
        Instant ingestedAt,
        String topic,
        int partition,
        long offset,
        Integer ind,
        String uniqueId,
        String title,
        String description,
        String posterName,
        Long followerCount,
        List<String> tagList,
        String isImageOrVideo,
        String imageSrc,
        Boolean downloaded,
        String saveLocation,
        String category,
        byte[] rawValue,
        String rejectReason)
        implements Serializable {

    public boolean isReject() {
        return rejectReason != null;
    }

    /** The Kafka coordinates, the key of a reject: {@code topic/partition/offset}. */
    public String coordinates() {
        return EventIds.coordinates(topic, partition, offset);
    }

    /**
     * Whether this event is a later state of its pin than {@code other}: later ingested_at, ties by offset
     * (then partition and topic, so that the order is total). The same order as the SQL upsert's WHERE clause.
     */
    public boolean isNewerThan(PinEvent other) {
        int byTime = ingestedAt.compareTo(other.ingestedAt);
        if (byTime != 0) {
            return byTime > 0;
        }
        if (offset != other.offset) {
            return offset > other.offset;
        }
        if (partition != other.partition) {
            return partition > other.partition;
        }
        return topic.compareTo(other.topic) > 0;
    }
}
