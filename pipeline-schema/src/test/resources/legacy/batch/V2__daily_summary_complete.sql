-- Whether the day was closed (its _SUCCESS present) when it was processed; false for a day read early with
-- --no-require-success, whose figures cover only the events archived by then. Days processed before: true.
ALTER TABLE daily_summary ADD COLUMN complete boolean NOT NULL DEFAULT true;
