-- The streaming job's tables (docs/pin-data-contract.md §2). Columns named and typed as the contract's cleaned pin,
-- plus the event's identity and Kafka coordinates. "partition" and "offset" are quoted: both are SQL key words.

-- One row per event (a POST accepted by ingest-api).
CREATE TABLE pin_events (
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
CREATE INDEX pin_events_ingested_at ON pin_events (ingested_at);
CREATE INDEX pin_events_unique_id ON pin_events (unique_id);

-- The current state of every pin: its latest event by ingested_at (ties: highest offset).
CREATE TABLE pins (
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

-- Records that could not be cleaned, with their raw value, their source and why.
CREATE TABLE pin_rejects (
    topic       text        NOT NULL,
    "partition" integer     NOT NULL,
    "offset"    bigint      NOT NULL,
    event_id    text,
    ingested_at timestamptz,
    value       text,
    reason      text        NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, "partition", "offset")
);
