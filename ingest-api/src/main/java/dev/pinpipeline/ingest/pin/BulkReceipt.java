package dev.pinpipeline.ingest.pin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pinpipeline.ingest.kafka.PublishedEvent;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to {@code POST /pins}: counts and one result per pin, in the order sent.
 *
 * @param accepted pins Kafka acknowledged
 * @param rejected pins that break the contract (or NDJSON lines that are not JSON): resending them will not help
 * @param unavailable pins Kafka did not acknowledge in time (the answer is then a 503); they may still be written,
 *        so a client resends the whole request with the same {@code Idempotency-Key}, or without a key only these
 * @param results one per pin
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BulkReceipt(int accepted, int rejected, int unavailable, List<Item> results) {

    public static final String ACCEPTED = "accepted";

    public static final String REJECTED = "rejected";

    public static final String UNAVAILABLE = "unavailable";

    public static final String FAILED = "failed";

    /**
     * The result for one pin.
     *
     * @param item the pin's position in the array or among the NDJSON body's non-blank lines, from 0
     * @param status {@code accepted}, {@code rejected}, {@code unavailable} (outcome unknown: retry it) or {@code failed}
     *        (Kafka refused the record itself; retrying will not help)
     * @param eventId for an accepted pin: its event id
     * @param ingestedAt for an accepted pin: its ingest time
     * @param partition for an accepted pin: its partition
     * @param offset for an accepted pin: its offset
     * @param errors for a rejected pin: each offending field
     * @param message for a pin not accepted: why, in words
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            int item,
            String status,
            UUID eventId,
            String ingestedAt,
            Integer partition,
            Long offset,
            List<FieldProblem> errors,
            String message) {

        static Item accepted(int item, PublishedEvent event) {
            return new Item(
                    item,
                    ACCEPTED,
                    event.eventId(),
                    event.ingestedAtText(),
                    event.partition(),
                    event.offset(),
                    null,
                    null);
        }

        static Item rejected(int item, List<FieldProblem> errors, String message) {
            return new Item(item, REJECTED, null, null, null, null, errors, message);
        }

        static Item notPublished(int item, boolean retriable, String message) {
            return new Item(item, retriable ? UNAVAILABLE : FAILED, null, null, null, null, null, message);
        }
    }
}
