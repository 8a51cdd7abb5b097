-- Two group roles (NOLOGIN): give them to login users, e.g.
--   CREATE ROLE alice LOGIN PASSWORD '…' IN ROLE pins_reader;
-- pins_writer: what the streaming job needs; pins_reader: read-only, for people using psql.
-- Roles belong to the whole PostgreSQL cluster, hence IF NOT EXISTS (spark-batch may share the cluster).
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
GRANT SELECT, INSERT, UPDATE ON pin_events, pins, pin_rejects TO pins_writer;
GRANT SELECT ON pin_events, pins, pin_rejects, category_minute_counts, pin_post_counts TO pins_writer, pins_reader;
