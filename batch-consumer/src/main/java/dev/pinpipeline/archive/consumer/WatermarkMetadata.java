package dev.pinpipeline.archive.consumer;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The partition watermark travels in the metadata of the committed offset, so that it survives restarts and
 * rebalances and any instance can read every partition's progress from the group coordinator.
 */
public final class WatermarkMetadata {

    private static final String KEY = "watermark=";

    private WatermarkMetadata() {}

    public static String encode(Instant watermark) {
        return watermark == null ? "" : KEY + watermark;
    }

    /** The watermark in committed metadata, or null when there is none. */
    public static Instant decode(String metadata) {
        if (metadata == null || !metadata.startsWith(KEY)) {
            return null;
        }
        try {
            return Instant.parse(metadata.substring(KEY.length()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
