package dev.pinpipeline.archive.writer;

import dev.pinpipeline.events.IngestedAt;
import java.time.Instant;

/**
 * Reads an {@code ingested_at} already in the archive's form, {@code uuuu-MM-ddTHH:mm:ss.SSSZ} (what ingest-api
 * writes; pin-events' {@link IngestedAt}), without the cost of a general ISO-8601 parse; such a header is then
 * copied to the line as it is.
 */
final class CanonicalTimestamp {

    private CanonicalTimestamp() {}

    static Instant parse(String text) {
        return IngestedAt.parse(text);
    }

    /** The instant, or null when the text (UTF-8) is not exactly in the canonical form. */
    static Instant parse(byte[] text) {
        return IngestedAt.parse(text);
    }
}
