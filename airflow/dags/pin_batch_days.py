"""Which day a run of the daily batch processes, and how long it waits for that day's archive.

Plain Python without Airflow imports, so that the build tests it with python3's unittest (airflow/tests).

- A run names its day with the ``day`` param (the UI form or the REST API's ``conf``): that day.
- Without it, a scheduled or backfill run processes its data interval's day (the day that just ended).
- Without either (a manual run, which has no data interval in Airflow 3), the last complete day before the run.
- The sensor waits for the day's ``_SUCCESS`` marker, which batch-consumer writes once it has closed the day (a few
  minutes after midnight UTC), at most until ``MARKER_GRACE`` after that midnight; then the run fails, saying
  which marker is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

MARKER_GRACE = timedelta(hours=2)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: str) -> date:
    """A day written YYYY-MM-DD; anything else is a ValueError that says what was given."""
    if not isinstance(value, str) or not _DAY.fullmatch(value.strip()):
        raise ValueError(f"day must be written YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        raise ValueError(f"day {value!r} is not a calendar day: {error}") from None


def day_to_process(requested: str | None, data_interval_start: datetime | None, run_after: datetime) -> str:
    """The day (YYYY-MM-DD, UTC) a run processes: the ``day`` param, else the data interval's, else yesterday."""
    run_day = run_after.astimezone(timezone.utc).date()
    if requested not in (None, ""):
        day = parse_day(requested)
        if day > run_day:
            raise ValueError(f"day {day} has not begun: the run is at {run_after.isoformat()}")
        return day.isoformat()
    if data_interval_start is not None:
        return data_interval_start.astimezone(timezone.utc).date().isoformat()
    return (run_day - timedelta(days=1)).isoformat()


def marker_deadline(day: str, grace: timedelta = MARKER_GRACE) -> datetime:
    """When a day's marker must exist: the midnight that ends the day, plus the grace."""
    return datetime.combine(parse_day(day) + timedelta(days=1), time(), tzinfo=timezone.utc) + grace


@dataclass(frozen=True)
class Verdict:
    """What the sensor does now: READY (run the batch), WAIT (poke again), SKIP (nothing to do) or FAIL."""

    state: str
    message: str


READY, WAIT, SKIP, FAIL = "ready", "wait", "skip", "fail"


def marker_verdict(day: str, marker: str, marker_exists: bool, first_archived_day: str | None,
                   now: datetime, grace: timedelta = MARKER_GRACE) -> Verdict:
    """The sensor's decision for ``day`` whose marker is the object ``marker``, at ``now``.

    A day before the archive's first day had nothing archived: skipped at once. While the archive is empty, records
    of the day may still be on their way (batch-consumer behind), so the day is awaited like any other; past the
    deadline it is skipped, as nothing was archived for it (a first start's scheduled run for the day before).
    """
    if marker_exists:
        return Verdict(READY, f"{marker} is there")
    if first_archived_day is not None and day < first_archived_day:
        return Verdict(SKIP, f"the archive starts at dt={first_archived_day}: nothing to process for dt={day}")
    deadline = marker_deadline(day, grace)
    if now < deadline:
        return Verdict(WAIT, f"{marker} not there yet; waiting until {deadline.isoformat()}")
    if first_archived_day is None:
        return Verdict(SKIP, f"the archive is empty at {deadline.isoformat()}: nothing was archived for dt={day}")
    return Verdict(FAIL, f"{marker} is missing at {deadline.isoformat()} ({grace} after dt={day} ended; the archive "
                         f"starts at dt={first_archived_day}): batch-consumer has not closed that day. Check that "
                         f"batch-consumer runs and archived dt={day}, then clear this task; or process the day as it "
                         f"is with spark-submit … --date {day} --no-require-success (docs/docker.md)")
