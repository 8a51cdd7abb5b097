package dev.pinpipeline.events;

/**
 * The headers of a Kafka record on the pins topic (docs/events.md §1), both UTF-8 text in their canonical form:
 * {@link EventIds} for {@code event_id}, {@link IngestedAt} for {@code ingested_at}. A header that is missing,
 * null or in any other form counts as missing.
 */
public final class EventHeaders {

    /** The event's id, a lower-case UUID. */
    public static final String EVENT_ID = "event_id";

    /** The ingest time, ISO-8601 UTC with milliseconds. */
    public static final String INGESTED_AT = "ingested_at";

    private EventHeaders() {}
}
