"""The daily batch's date logic (airflow/dags/pin_batch_days.py), without Airflow.

Run from the repository root:  python3 -m unittest discover -s airflow/tests -v
(deploy-checks' AirflowDateLogicTest runs it in the build.)
"""

import sys
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dags"))

from pin_batch_days import (  # noqa: E402
    FAIL, MARKER_GRACE, READY, SKIP, WAIT, day_to_process, marker_deadline, marker_verdict, parse_day)

UTC = timezone.utc
MARKER = "s3://pinterestdata/raw/PinterestTopic/dt=2026-12-05/_SUCCESS"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class DayToProcessTest(unittest.TestCase):

    def test_a_manual_run_without_a_day_processes_the_last_complete_day(self):
        # Airflow 3: a run triggered with "logical_date": null has no data interval.
        self.assertEqual(day_to_process(None, None, at("2026-12-06T09:30:00")), "2026-12-05")
        self.assertEqual(day_to_process("", None, at("2026-12-06T00:00:01")), "2026-12-05")

    def test_the_last_complete_day_is_taken_in_utc(self):
        run_after = datetime(2026, 12, 6, 1, 0, tzinfo=timezone(timedelta(hours=3)))  # 2026-12-05 22:00 UTC
        self.assertEqual(day_to_process(None, None, run_after), "2026-12-04")

    def test_the_day_param_wins_over_the_data_interval(self):
        self.assertEqual(day_to_process("2026-11-20", at("2026-12-05T00:00:00"), at("2026-12-06T00:00:00")),
                         "2026-11-20")

    def test_the_day_param_may_name_today_whose_marker_was_written_by_hand(self):
        self.assertEqual(day_to_process("2026-12-06", None, at("2026-12-06T10:00:00")), "2026-12-06")

    def test_a_scheduled_or_backfill_run_processes_its_data_interval_day(self):
        self.assertEqual(day_to_process(None, at("2026-12-05T00:00:00"), at("2026-12-06T00:00:00")), "2026-12-05")

    def test_a_day_that_has_not_begun_is_refused(self):
        with self.assertRaisesRegex(ValueError, "2026-12-07 has not begun"):
            day_to_process("2026-12-07", None, at("2026-12-06T23:59:59"))

    def test_a_day_not_written_yyyy_mm_dd_is_refused_with_what_was_given(self):
        for bad in ("2026-12-5", "05/12/2026", "2026-12-05T00:00:00", "None", "2026-02-30"):
            with self.subTest(bad=bad), self.assertRaises(ValueError) as error:
                day_to_process(bad, None, at("2026-12-06T00:00:00"))
            self.assertIn(repr(bad), str(error.exception))

    def test_parse_day_reads_iso_days(self):
        self.assertEqual(parse_day("2024-02-29").isoformat(), "2024-02-29")


class MarkerVerdictTest(unittest.TestCase):

    def test_a_present_marker_is_ready_whenever_it_is_seen(self):
        verdict = marker_verdict("2026-12-05", MARKER, True, "2026-11-01", at("2026-12-09T00:00:00"))
        self.assertEqual(verdict.state, READY)

    def test_a_missing_marker_is_awaited_until_the_grace_after_the_day_ends(self):
        deadline = at("2026-12-06T00:00:00") + MARKER_GRACE
        self.assertEqual(marker_deadline("2026-12-05"), deadline)
        just_before = marker_verdict("2026-12-05", MARKER, False, "2026-11-01", deadline - timedelta(seconds=1))
        self.assertEqual(just_before.state, WAIT)
        self.assertIn(MARKER, just_before.message)

    def test_an_overdue_marker_fails_the_run_saying_which_marker_is_missing(self):
        deadline = marker_deadline("2026-12-05")
        verdict = marker_verdict("2026-12-05", MARKER, False, "2026-11-01", deadline)
        self.assertEqual(verdict.state, FAIL)
        self.assertIn(MARKER + " is missing", verdict.message)
        self.assertIn("the archive starts at dt=2026-11-01", verdict.message)
        self.assertIn("--date 2026-12-05 --no-require-success", verdict.message)

    def test_while_the_archive_is_empty_a_day_is_awaited_then_skipped_past_its_deadline(self):
        # A first start's scheduled run for the day before: nothing was ever archived.
        deadline = marker_deadline("2026-12-05")
        self.assertEqual(marker_verdict("2026-12-05", MARKER, False, None, deadline - timedelta(minutes=1)).state, WAIT)
        verdict = marker_verdict("2026-12-05", MARKER, False, None, deadline)
        self.assertEqual(verdict.state, SKIP)
        self.assertIn("the archive is empty", verdict.message)

    def test_a_day_before_the_archives_first_day_is_skipped_at_once(self):
        verdict = marker_verdict("2026-10-31", MARKER, False, "2026-11-01", at("2026-11-01T00:10:00"))
        self.assertEqual(verdict.state, SKIP)
        self.assertIn("the archive starts at dt=2026-11-01", verdict.message)


if __name__ == "__main__":
    unittest.main()
