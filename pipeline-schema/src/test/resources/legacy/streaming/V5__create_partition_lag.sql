-- How far the streaming job is behind each Kafka partition, as its latest progress report saw it: one row per
-- partition, replaced at every report (Grafana's "Kafka lag per partition: streaming job" panel reads it).
CREATE TABLE streaming_partition_lag (
    topic           text        NOT NULL,
    "partition"     integer     NOT NULL,
    next_offset     bigint      NOT NULL,   -- the next offset the job reads
    latest_offset   bigint      NOT NULL,   -- the partition's end offset when the batch was planned
    offsets_behind  bigint      NOT NULL,
    reported_at     timestamptz NOT NULL,
    PRIMARY KEY (topic, "partition")
);

GRANT SELECT, INSERT, UPDATE ON streaming_partition_lag TO pins_writer;
GRANT SELECT ON streaming_partition_lag TO pins_reader;
