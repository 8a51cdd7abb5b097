package dev.pinpipeline.ingest.pin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The ingest counters, registered once: {@code pins.accepted} (tag {@code endpoint}: pin or pins) and
 * {@code pins.rejected} (tag {@code reason}, see {@link RejectionReason}). Produce latency is timed by the publisher.
 */
@Component
public class PinMetrics {

    private final Counter acceptedOne;

    private final Counter acceptedBulk;

    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);

    PinMetrics(MeterRegistry registry) {
        this.acceptedOne = accepted(registry, "pin");
        this.acceptedBulk = accepted(registry, "pins");
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(
                    reason,
                    Counter.builder("pins.rejected")
                            .description("Pins or requests turned away, by reason")
                            .tag("reason", reason.tag())
                            .register(registry));
        }
    }

    private static Counter accepted(MeterRegistry registry, String endpoint) {
        return Counter.builder("pins.accepted")
                .description("Pins acknowledged by Kafka")
                .tag("endpoint", endpoint)
                .register(registry);
    }

    public void acceptedOne() {
        acceptedOne.increment();
    }

    public void acceptedInBulk(int count) {
        acceptedBulk.increment(count);
    }

    public void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    public void rejected(RejectionReason reason, int count) {
        if (count > 0) {
            rejected.get(reason).increment(count);
        }
    }
}
