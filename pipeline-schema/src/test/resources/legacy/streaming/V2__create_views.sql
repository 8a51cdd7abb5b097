-- Views for people using psql. "posts" count events, "pins" count distinct unique_id (contract §3).
-- Minutes are UTC.

CREATE VIEW category_minute_counts AS
SELECT category,
       date_trunc('minute', ingested_at, 'UTC') AS minute,
       count(*)                                 AS posts,
       count(DISTINCT unique_id)                AS pins
FROM pin_events
GROUP BY category, date_trunc('minute', ingested_at, 'UTC');

CREATE VIEW pin_post_counts AS
SELECT unique_id,
       count(*)         AS posts,
       min(ingested_at) AS first_posted_at,
       max(ingested_at) AS last_posted_at
FROM pin_events
GROUP BY unique_id;
