package dev.pinpipeline.archive.writer;

import java.time.Instant;

/**
 * One archive line before it is compressed: {@code prefix + pin + "}\n"}, where prefix is
 * {@code {"event_id":…,"ingested_at":…,"topic":…,"partition":…,"offset":…,"pin":}.
 *
 * @param offset     the record's Kafka offset
 * @param ingestedAt the event's ingest time; decides the file's dt/hr
 * @param prefix     the line up to and including {@code "pin":}, UTF-8
 * @param pin        the Kafka value, verbatim
 */
public record EventLine(long offset, Instant ingestedAt, byte[] prefix, byte[] pin) {

    static final byte[] SUFFIX = {'}', '\n'};

    /** Bytes of the whole line, newline included. */
    public int size() {
        return prefix.length + pin.length + SUFFIX.length;
    }
}
