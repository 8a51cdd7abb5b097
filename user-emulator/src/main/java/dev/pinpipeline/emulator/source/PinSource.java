package dev.pinpipeline.emulator.source;

/**
 * An endless supply of raw pins, each the JSON text of one pin exactly as it is posted.
 * Sources are deterministic for a given seed and are used by one thread only.
 */
public interface PinSource {

    /** The next pin's JSON text. */
    String next();

    /** What the source is, for the run's header line (e.g. "real sample, 1077 pins"). */
    String describe();
}
