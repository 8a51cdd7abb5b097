-- The pipeline's tables, views and roles: spark-streaming's (pin_events, pins, pin_rejects, streaming_partition_lag,
-- two views, two roles) and spark-batch's (daily_*). docs/pin-data-contract.md §2 names and types the columns.
--
-- Before Flyway, each job migrated its own tables at start (streaming_schema_history V1..V5, batch_schema_history
-- V1..V3). MigrateSchema adopts such a database at baseline 0 and runs this file on it, so every statement here also
-- holds on a database those runners left at any of their versions: IF NOT EXISTS, OR REPLACE, and the "catch-up"
-- statements that bring an older table to this shape. Later migrations (V2, ...) need not do that.

-- What IF [NOT] EXISTS skips is reported as a notice, which Flyway logs as a warning: on a new database every
-- catch-up statement would warn. For this transaction only.
SET LOCAL client_min_messages = warning;

-- ---------------------------------------------------------------- spark-streaming

-- One row per event (a POST accepted by ingest-api). "partition" and "offset" are quoted: both are SQL key words.
CREATE TABLE IF NOT EXISTS pin_events (
    event_id          text        PRIMARY KEY,
    ind               integer     NOT NULL,
    unique_id         uuid        NOT NULL,
    title             text,
    description       text,
    poster_name       text,
    follower_count    bigint,
    tag_list          text[],
    is_image_or_video text,
    image_src         text,
    downloaded        boolean,
    save_location     text,
    category          text,
    ingested_at       timestamptz NOT NULL,
    topic             text        NOT NULL,
    "partition"       integer     NOT NULL,
    "offset"          bigint      NOT NULL,
    written_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS pin_events_ingested_at ON pin_events (ingested_at);
CREATE INDEX IF NOT EXISTS pin_events_unique_id ON pin_events (unique_id);

-- The current state of every pin: its latest event by ingested_at (ties: highest offset).
CREATE TABLE IF NOT EXISTS pins (
    unique_id         uuid        PRIMARY KEY,
    ind               integer     NOT NULL,
    title             text,
    description       text,
    poster_name       text,
    follower_count    bigint,
    tag_list          text[],
    is_image_or_video text,
    image_src         text,
    downloaded        boolean,
    save_location     text,
    category          text,
    ingested_at       timestamptz NOT NULL,
    event_id          text        NOT NULL,
    topic             text        NOT NULL,
    "partition"       integer     NOT NULL,
    "offset"          bigint      NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Records that could not be cleaned, with their source and why. raw_value is the Kafka record value byte for byte,
-- whatever it holds (bytes that are not UTF-8, NUL); value is the same bytes read as UTF-8 text for people (invalid
-- sequences and NUL shown as U+FFFD). Rows written before raw_value existed (old runner, V3 and earlier) have none.
CREATE TABLE IF NOT EXISTS pin_rejects (
    topic       text        NOT NULL,
    "partition" integer     NOT NULL,
    "offset"    bigint      NOT NULL,
    event_id    text,
    ingested_at timestamptz,
    value       text,
    reason      text        NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now(),
    raw_value   bytea,
    PRIMARY KEY (topic, "partition", "offset")
);
ALTER TABLE pin_rejects ADD COLUMN IF NOT EXISTS raw_value bytea;   -- catch-up: old streaming runner V3 and earlier

-- How far the streaming job is behind each Kafka partition, as its latest progress report saw it: one row per
-- partition, replaced at every report (Grafana's "Kafka lag per partition: streaming job" panel reads it).
CREATE TABLE IF NOT EXISTS streaming_partition_lag (
    topic           text        NOT NULL,
    "partition"     integer     NOT NULL,
    next_offset     bigint      NOT NULL,   -- the next offset the job reads
    latest_offset   bigint      NOT NULL,   -- the partition's end offset when the batch was planned
    offsets_behind  bigint      NOT NULL,
    reported_at     timestamptz NOT NULL,
    PRIMARY KEY (topic, "partition")
);

-- Views for people using psql. "posts" count events, "pins" count distinct unique_id (contract §3). Minutes are UTC.
CREATE OR REPLACE VIEW category_minute_counts AS
SELECT category,
       date_trunc('minute', ingested_at, 'UTC') AS minute,
       count(*)                                 AS posts,
       count(DISTINCT unique_id)                AS pins
FROM pin_events
GROUP BY category, date_trunc('minute', ingested_at, 'UTC');

CREATE OR REPLACE VIEW pin_post_counts AS
SELECT unique_id,
       count(*)         AS posts,
       min(ingested_at) AS first_posted_at,
       max(ingested_at) AS last_posted_at
FROM pin_events
GROUP BY unique_id;

-- ---------------------------------------------------------------- spark-batch

-- One row set per processed day (dt), replaced as a whole when the day is re-run. Shares are fractions of the
-- category's posts (0..1). Posts count events, pins count distinct unique_id.
-- complete: whether the day was closed (its _SUCCESS present) when it was processed; false for a day read early with
-- --no-require-success, whose figures cover only the events archived by then.
CREATE TABLE IF NOT EXISTS daily_summary (
    dt             date        PRIMARY KEY,
    events         bigint      NOT NULL,
    cleaned        bigint      NOT NULL,
    distinct_pins  bigint      NOT NULL,
    rejects        bigint      NOT NULL,
    processed_at   timestamptz NOT NULL DEFAULT now(),
    complete       boolean     NOT NULL DEFAULT true
);
-- catch-up: old batch runner V1 (days processed before the column existed were complete)
ALTER TABLE daily_summary ADD COLUMN IF NOT EXISTS complete boolean NOT NULL DEFAULT true;

CREATE TABLE IF NOT EXISTS daily_rejects_by_reason (
    dt       date   NOT NULL,
    reason   text   NOT NULL,
    rejects  bigint NOT NULL,
    PRIMARY KEY (dt, reason)
);

-- A pin whose category is absent or only white space cleans to a null category (contract §2), and such posts get
-- their own row, so that the categories' posts add up to daily_summary.cleaned. PostgreSQL 14 has no UNIQUE NULLS
-- NOT DISTINCT: the day's one null row is kept unique by an expression index instead of a primary key.
CREATE TABLE IF NOT EXISTS daily_category_stats (
    dt                     date             NOT NULL,
    category               text,
    posts                  bigint           NOT NULL,
    distinct_pins          bigint           NOT NULL,
    median_follower_count  double precision,
    share_image            double precision NOT NULL,
    share_video            double precision NOT NULL,
    share_story            double precision NOT NULL,
    share_downloaded       double precision NOT NULL
);
-- catch-up: old batch runner V2 and earlier had (dt, category) as primary key and category NOT NULL
ALTER TABLE daily_category_stats DROP CONSTRAINT IF EXISTS daily_category_stats_pkey;
ALTER TABLE daily_category_stats ALTER COLUMN category DROP NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS daily_category_stats_dt_category ON daily_category_stats (dt, coalesce(category, ''));

CREATE TABLE IF NOT EXISTS daily_top_posters (
    dt              date   NOT NULL,
    rank            int    NOT NULL,
    poster_name     text   NOT NULL,
    follower_count  bigint NOT NULL,
    posts           bigint NOT NULL,
    distinct_pins   bigint NOT NULL,
    PRIMARY KEY (dt, rank)
);

CREATE TABLE IF NOT EXISTS daily_top_tags (
    dt             date   NOT NULL,
    rank           int    NOT NULL,
    tag            text   NOT NULL,
    posts          bigint NOT NULL,
    distinct_pins  bigint NOT NULL,
    PRIMARY KEY (dt, rank)
);

-- ---------------------------------------------------------------- roles

-- Two group roles (NOLOGIN): give them to login users, e.g.
--   CREATE ROLE alice LOGIN PASSWORD '…' IN ROLE pins_reader;
-- pins_writer: what the streaming job needs; pins_reader: read-only, for people using psql.
-- Roles belong to the whole PostgreSQL cluster, hence IF NOT EXISTS (another database of the cluster may have them).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pins_writer') THEN
        CREATE ROLE pins_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pins_reader') THEN
        CREATE ROLE pins_reader NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO pins_writer, pins_reader;
GRANT SELECT, INSERT, UPDATE ON pin_events, pins, pin_rejects, streaming_partition_lag TO pins_writer;
GRANT SELECT ON pin_events, pins, pin_rejects, streaming_partition_lag, category_minute_counts, pin_post_counts
    TO pins_writer, pins_reader;

-- ---------------------------------------------------------------- the old runners' history

-- Replaced by Flyway's flyway_schema_history (the jobs check its version at start).
DROP TABLE IF EXISTS streaming_schema_history;
DROP TABLE IF EXISTS batch_schema_history;
