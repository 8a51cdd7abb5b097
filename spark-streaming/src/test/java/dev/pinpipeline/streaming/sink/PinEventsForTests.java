package dev.pinpipeline.streaming.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Small {@link PinEvent} factories for unit tests. */
final class PinEventsForTests {

    private PinEventsForTests() {}

    static PinEvent pin(String uniqueId, String title, Instant ingestedAt, int partition, long offset) {
        return pin("e-" + partition + "-" + offset, uniqueId, title, ingestedAt, partition, offset);
    }

    static PinEvent pin(String eventId, String uniqueId, String title, Instant ingestedAt, int partition, long offset) {
        return new PinEvent(
                eventId,
                ingestedAt,
                "pins",
                partition,
                offset,
                1,
                uniqueId,
                title,
                null,
                null,
                10L,
                List.of("a", "b"),
                "image",
                null,
                true,
                "/data/art",
                "art",
                null,
                null);
    }

    static PinEvent reject(int partition, long offset, String value, String reason) {
        return reject(partition, offset, value.getBytes(StandardCharsets.UTF_8), reason);
    }

    static PinEvent reject(int partition, long offset, byte[] rawValue, String reason) {
        return new PinEvent(
                "r-" + partition + "-" + offset,
                Instant.parse("2026-11-26T10:00:00Z"),
                "pins",
                partition,
                offset,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                rawValue,
                reason);
    }
}
