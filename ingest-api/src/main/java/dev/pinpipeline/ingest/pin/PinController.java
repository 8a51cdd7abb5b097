package dev.pinpipeline.ingest.pin;

import dev.pinpipeline.events.EventIds;
import dev.pinpipeline.ingest.kafka.PinNotPublishedException;
import dev.pinpipeline.ingest.kafka.PinPublisher;
import dev.pinpipeline.ingest.kafka.PublishedEvent;
import dev.pinpipeline.ingest.system.IngestProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /pin} (one pin) and {@code POST /pins} (many): read the body, check each pin against the contract,
 * produce the valid ones, and answer once Kafka acknowledged them. Bad input never reaches Kafka. Each event's id
 * is random, or derived from the request's {@link IdempotencyKey} so that a retry gets the same one.
 */
@RestController
class PinController implements PinApi {

    static final String NDJSON = "application/x-ndjson";

    private static final PinNotPublishedException NO_TIME_LEFT = new PinNotPublishedException(
            "not sent: the produce timeout ran out while Kafka was not answering", true, null);

    private final PinJson json;

    private final PinValidator validator;

    private final PinPublisher publisher;

    private final PinMetrics metrics;

    private final IngestProperties properties;

    PinController(
            PinJson json,
            PinValidator validator,
            PinPublisher publisher,
            PinMetrics metrics,
            IngestProperties properties) {
        this.json = json;
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    @PostMapping(
            path = {"/pin", "/pin/"},
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public PinReceipt postPin(HttpServletRequest request) throws IOException {
        IdempotencyKey idempotencyKey = IdempotencyKey.of(request);
        byte[] body = RequestBodies.readAtMost(request, properties.maxPinSize());
        PinCheck check = validator.check(json.readValue(body));
        if (check instanceof PinCheck.Invalid invalid) {
            throw new PinRejectedException(RejectionReason.INVALID_PIN, invalid.summary(), invalid.problems());
        }
        PinCheck.Valid pin = (PinCheck.Valid) check;
        byte[] value = json.write(pin.pin());
        UUID eventId = idempotencyKey == null ? EventIds.random() : idempotencyKey.eventId(value);
        long start = System.nanoTime();
        CompletableFuture<PublishedEvent> publishing = publisher.publish(eventId, pin.key(), value);
        PublishedEvent event = PinPublisher.await(publishing, remaining(start));
        metrics.acceptedOne();
        return PinReceipt.of(event);
    }

    @Override
    @PostMapping(
            path = {"/pins", "/pins/"},
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<BulkReceipt> postPinArray(HttpServletRequest request) throws IOException {
        IdempotencyKey idempotencyKey = IdempotencyKey.of(request);
        byte[] body = RequestBodies.readAtMost(request, properties.maxBulkSize());
        JsonNode root = json.readValue(body);
        if (!root.isArray()) {
            throw new PinRejectedException(
                    RejectionReason.INVALID_PIN,
                    "POST /pins with application/json takes a JSON array of pins.",
                    List.of(new FieldProblem("$", "must be a JSON array, not " + PinValidator.describe(root))));
        }
        checkBulkLimit(root.size());
        List<BulkEntry> entries = new ArrayList<>(root.size());
        for (JsonNode node : root) {
            entries.add(check(node));
        }
        return publishAll(entries, idempotencyKey);
    }

    @Override
    @PostMapping(
            path = {"/pins", "/pins/"},
            consumes = NDJSON,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<BulkReceipt> postPinLines(HttpServletRequest request) throws IOException {
        IdempotencyKey idempotencyKey = IdempotencyKey.of(request);
        byte[] body = RequestBodies.readAtMost(request, properties.maxBulkSize());
        List<PinJson.NdjsonLine> lines = json.readLines(body);
        checkBulkLimit(lines.size());
        List<BulkEntry> entries = new ArrayList<>(lines.size());
        for (PinJson.NdjsonLine line : lines) {
            entries.add(
                    line.error() != null
                            ? new BulkEntry(null, line.error(), RejectionReason.MALFORMED_JSON)
                            : check(line.value()));
        }
        return publishAll(entries, idempotencyKey);
    }

    private BulkEntry check(JsonNode node) {
        PinCheck check = validator.check(node);
        if (check instanceof PinCheck.Invalid invalid) {
            return new BulkEntry(invalid, invalid.summary(), RejectionReason.INVALID_PIN);
        }
        return new BulkEntry((PinCheck.Valid) check);
    }

    private void checkBulkLimit(int count) {
        if (count > properties.bulkLimit()) {
            throw new PinRejectedException(
                    RejectionReason.TOO_MANY_PINS,
                    "The request holds " + count + " pins; the limit is " + properties.bulkLimit() + " per request.");
        }
    }

    /** Sends every valid pin at once (the producer batches them), then collects the acks within one deadline. */
    private ResponseEntity<BulkReceipt> publishAll(List<BulkEntry> entries, IdempotencyKey idempotencyKey) {
        long start = System.nanoTime();
        for (int item = 0; item < entries.size(); item++) {
            BulkEntry entry = entries.get(item);
            if (entry.valid == null) {
                continue;
            }
            // a send can block while Kafka is unreachable: once the time is up, the rest are not even tried
            if (remaining(start).isNegative()) {
                entry.publishing = CompletableFuture.failedFuture(NO_TIME_LEFT);
                continue;
            }
            byte[] value = json.write(entry.valid.pin());
            UUID eventId = idempotencyKey == null ? EventIds.random() : idempotencyKey.eventId(item, value);
            entry.publishing = publisher.publish(eventId, entry.valid.key(), value);
        }
        List<BulkReceipt.Item> results = new ArrayList<>(entries.size());
        int accepted = 0;
        int unavailable = 0;
        int malformed = 0;
        int invalid = 0;
        for (int item = 0; item < entries.size(); item++) {
            BulkEntry entry = entries.get(item);
            if (entry.publishing == null) {
                results.add(BulkReceipt.Item.rejected(
                        item, entry.invalid == null ? null : entry.invalid.problems(), entry.message));
                if (entry.reason == RejectionReason.MALFORMED_JSON) {
                    malformed++;
                } else {
                    invalid++;
                }
                continue;
            }
            try {
                results.add(BulkReceipt.Item.accepted(item, PinPublisher.await(entry.publishing, remaining(start))));
                accepted++;
            } catch (PinNotPublishedException ex) {
                results.add(BulkReceipt.Item.notPublished(item, ex.isRetriable(), ex.getMessage()));
                unavailable++;
            }
        }
        metrics.acceptedInBulk(accepted);
        metrics.rejected(RejectionReason.MALFORMED_JSON, malformed);
        metrics.rejected(RejectionReason.INVALID_PIN, invalid);
        metrics.rejected(RejectionReason.KAFKA_UNAVAILABLE, unavailable);
        BulkReceipt receipt = new BulkReceipt(accepted, malformed + invalid, unavailable, results);
        if (unavailable > 0) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfterSeconds()))
                    .body(receipt);
        }
        return ResponseEntity.ok(receipt);
    }

    private Duration remaining(long startNanos) {
        return properties.produceTimeout().minusNanos(System.nanoTime() - startNanos);
    }

    /** One pin of a bulk request on its way through: checked, then (if valid) being published. */
    private static final class BulkEntry {

        final PinCheck.Valid valid;

        final PinCheck.Invalid invalid;

        final String message;

        final RejectionReason reason;

        CompletableFuture<PublishedEvent> publishing;

        BulkEntry(PinCheck.Valid valid) {
            this(valid, null, null, null);
        }

        BulkEntry(PinCheck.Invalid invalid, String message, RejectionReason reason) {
            this(null, invalid, message, reason);
        }

        private BulkEntry(PinCheck.Valid valid, PinCheck.Invalid invalid, String message, RejectionReason reason) {
            this.valid = valid;
            this.invalid = invalid;
            this.message = message;
            this.reason = reason;
        }
    }
}
