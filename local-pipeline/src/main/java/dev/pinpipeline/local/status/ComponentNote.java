package dev.pinpipeline.local.status;

/**
 * What the status line says about a server or service that died under the launcher.
 *
 * @param component its name (Kafka, ingest-api, …)
 * @param down      dead now, being restarted
 * @param restarts  how many times it was restarted since the pipeline started
 */
public record ComponentNote(String component, boolean down, int restarts) {}
