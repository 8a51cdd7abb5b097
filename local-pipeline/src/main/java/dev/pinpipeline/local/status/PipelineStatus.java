package dev.pinpipeline.local.status;

import java.time.Duration;

/**
 * One reading of the pipeline's counters. A count is -1 when its source cannot be read yet.
 *
 * @param posted   pins the ingest service accepted (its own counter)
 * @param onKafka  records on the topic (sum of the partitions' end offsets)
 * @param archived events in the raw archive (lines in the topic's archive objects)
 * @param events   rows in PostgreSQL's pin_events
 * @param pins     rows in PostgreSQL's pins (distinct unique_ids)
 * @param latency  ingest to row written in PostgreSQL, median of the last 10 s; null when nothing arrived lately
 */
public record PipelineStatus(long posted, long onKafka, long archived, long events, long pins, Duration latency) {}
