package dev.pinpipeline.ingest.system;

import dev.pinpipeline.events.SharedEnvironment;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingest API ({@code ingest.*} in application.properties, environment variables in brackets).
 *
 * @param topic the topic pins go to [PINS_TOPIC], default {@code PinterestTopic} (the defaults of the shared
 *        variables are pin-events' {@link SharedEnvironment})
 * @param partitions partitions of the topic when the service creates it at start [PINS_TOPIC_PARTITIONS], default 2
 *        (as the launcher and compose: the streaming job's real-time mode needs one core per partition, and the
 *        reference machine has 2); an existing topic is left as it is
 * @param replicationFactor replication factor of the topic when the service creates it, default 1 (one local broker)
 * @param maxPinSize largest body accepted by {@code POST /pin}, default 64KB (real pins are under 2 KB)
 * @param maxBulkSize largest body accepted by {@code POST /pins}, default 16MB
 * @param bulkLimit most pins accepted in one {@code POST /pins}, default 1000
 * @param produceTimeout longest wait for the broker's ack before answering 503, default 2s; it bounds the whole
 *        send (metadata wait included) and is also the producer's delivery timeout, so the producer stops retrying
 *        the record then. A pin answered 503 may still be written (a stalled broker can append a request it already
 *        received): its outcome is unknown, and a client retries with the same {@code Idempotency-Key}
 * @param retryAfter the Retry-After sent with a 503, default 1s
 * @param apiKey when not blank, every request to /pin and /pins must carry it in the {@code X-API-Key} header
 *        [INGEST_API_KEY]; blank (the default) turns the check off
 */
@Validated
@ConfigurationProperties("ingest")
public record IngestProperties(
        @NotBlank @DefaultValue(SharedEnvironment.PINS_TOPIC_DEFAULT)
        String topic,

        @Min(1) @DefaultValue("" + SharedEnvironment.PINS_TOPIC_PARTITIONS_DEFAULT)
        int partitions,

        @Min(1) @DefaultValue("1") short replicationFactor,
        @NotNull @DefaultValue("64KB") DataSize maxPinSize,
        @NotNull @DefaultValue("16MB") DataSize maxBulkSize,
        @Min(1) @DefaultValue("1000") int bulkLimit,
        @NotNull @DefaultValue("2s") Duration produceTimeout,
        @NotNull @DefaultValue("1s") Duration retryAfter,

        @DefaultValue(SharedEnvironment.INGEST_API_KEY_DEFAULT)
        String apiKey) {

    public static final String API_KEY_HEADER = "X-API-Key";

    /** Retry-After in whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public boolean apiKeyRequired() {
        return apiKey != null && !apiKey.isBlank();
    }
}
