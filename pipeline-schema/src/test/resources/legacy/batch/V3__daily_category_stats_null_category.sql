-- A pin whose category is absent or only white space cleans to a null category (pin-data-contract.md §2: the text
-- rule makes an empty text null, and a missing category is not a reject). Such posts get their own row with a null
-- category, as in the Parquet analytics and the report, so that the categories' posts add up to daily_summary.cleaned.
-- PostgreSQL 14 has no UNIQUE NULLS NOT DISTINCT: the day's one null row is kept unique by an expression index.
ALTER TABLE daily_category_stats DROP CONSTRAINT daily_category_stats_pkey;
ALTER TABLE daily_category_stats ALTER COLUMN category DROP NOT NULL;
CREATE UNIQUE INDEX daily_category_stats_dt_category ON daily_category_stats (dt, coalesce(category, ''));
