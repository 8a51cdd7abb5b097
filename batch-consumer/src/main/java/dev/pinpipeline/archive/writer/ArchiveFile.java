package dev.pinpipeline.archive.writer;

/**
 * A closed file, ready to upload.
 *
 * @param key               the object key
 * @param partition         the Kafka partition
 * @param firstOffset       offset of the first line (the one in the key)
 * @param lastOffset        offset of the last line
 * @param records           lines in the file
 * @param uncompressedBytes size of the JSON Lines before gzip
 * @param content           the gzip bytes
 * @param reason            why it was closed
 */
public record ArchiveFile(
        String key,
        int partition,
        long firstOffset,
        long lastOffset,
        int records,
        long uncompressedBytes,
        byte[] content,
        RotationReason reason) {}
