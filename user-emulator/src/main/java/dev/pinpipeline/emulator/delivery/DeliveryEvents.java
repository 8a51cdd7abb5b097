package dev.pinpipeline.emulator.delivery;

/** What happens to the pins handed to a {@link PinSender}: every pin ends accepted, rejected or lost. */
public interface DeliveryEvents {

    /** The API answered one request (any status) after this many nanoseconds. */
    void answered(long latencyNanos);

    void accepted(int pins);

    /** The API refused the pins (a 4xx, or a per-record rejection): counted, never sent again. */
    void rejected(int pins, String reason);

    /** One request is sent again after a transient failure (503, 429, 5xx, connection error or timeout). */
    void retrying(String reason);

    /** The sender gave up on the pins: retries ran out of time, or the run was stopped before they were delivered. */
    void lost(int pins, String reason);

    /** An answer that no retry or further pin can fix (wrong URL, API key refused): the run should stop. */
    void fatal(String reason);
}
