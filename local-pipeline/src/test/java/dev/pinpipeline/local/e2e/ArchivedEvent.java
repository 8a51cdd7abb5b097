package dev.pinpipeline.local.e2e;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** One line of the raw archive (docs/events.md §2), as much of it as the end-to-end checks need. */
record ArchivedEvent(
        String eventId, Instant ingestedAt, int partition, long offset, String uniqueId, int index, String category) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ArchivedEvent parse(String line) {
        JsonNode node = JSON.readTree(line);
        JsonNode pin = node.get("pin");
        return new ArchivedEvent(
                node.get("event_id").asString(),
                Instant.parse(node.get("ingested_at").asString()),
                node.get("partition").asInt(),
                node.get("offset").asLong(),
                pin.get("unique_id").asString(),
                Integer.parseInt(pin.get("index").asString()),
                pin.get("category").asString());
    }

    /** Later by ingest time, ties by the higher offset (the contract's §3 order). */
    boolean isNewerThan(ArchivedEvent other) {
        int byTime = ingestedAt.compareTo(other.ingestedAt);
        return byTime != 0 ? byTime > 0 : offset > other.offset;
    }
}
