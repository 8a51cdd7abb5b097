package dev.pinpipeline.archive.storage;

/** An archive object as listed back from S3, with the coordinates stored in its metadata. */
public record StoredFile(String key, long size, int partition, long firstOffset, long lastOffset, long records) {}
