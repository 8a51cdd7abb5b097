-- spark-batch's tables: one row set per processed day (dt), replaced as a whole when the day is re-run.
-- Shares are fractions of the category's posts (0..1). Posts count events, pins count distinct unique_id.

CREATE TABLE daily_summary (
    dt             date        PRIMARY KEY,
    events         bigint      NOT NULL,
    cleaned        bigint      NOT NULL,
    distinct_pins  bigint      NOT NULL,
    rejects        bigint      NOT NULL,
    processed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE daily_rejects_by_reason (
    dt       date   NOT NULL,
    reason   text   NOT NULL,
    rejects  bigint NOT NULL,
    PRIMARY KEY (dt, reason)
);

CREATE TABLE daily_category_stats (
    dt                     date             NOT NULL,
    category               text             NOT NULL,
    posts                  bigint           NOT NULL,
    distinct_pins          bigint           NOT NULL,
    median_follower_count  double precision,
    share_image            double precision NOT NULL,
    share_video            double precision NOT NULL,
    share_story            double precision NOT NULL,
    share_downloaded       double precision NOT NULL,
    PRIMARY KEY (dt, category)
);

CREATE TABLE daily_top_posters (
    dt              date   NOT NULL,
    rank            int    NOT NULL,
    poster_name     text   NOT NULL,
    follower_count  bigint NOT NULL,
    posts           bigint NOT NULL,
    distinct_pins   bigint NOT NULL,
    PRIMARY KEY (dt, rank)
);

CREATE TABLE daily_top_tags (
    dt             date   NOT NULL,
    rank           int    NOT NULL,
    tag            text   NOT NULL,
    posts          bigint NOT NULL,
    distinct_pins  bigint NOT NULL,
    PRIMARY KEY (dt, rank)
);
