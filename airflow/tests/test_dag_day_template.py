"""The DAG's DAY template rendered as Airflow 3 renders it (Jinja with StrictUndefined), without Airflow.

Airflow 3 puts logical_date, ds and data_interval_* in a task's template context only when the run has a logical
date; a run triggered without one (the UI's Trigger, the REST API with "logical_date": null) has only dag_run,
params and the like, and a name missing from the context fails the rendering. Skipped where jinja2 is missing.
"""

import ast
import sys
import unittest
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

AIRFLOW = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AIRFLOW / "dags"))

from pin_batch_days import day_to_process  # noqa: E402

try:
    import jinja2
except ImportError:  # pragma: no cover - depends on the machine
    jinja2 = None


def dag_constant(name: str) -> str:
    tree = ast.parse((AIRFLOW / "dags" / "pinterest_daily_batch.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"no {name} in the DAG file")


def render(template: str, context: dict) -> str:
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    environment.globals["day_to_process"] = day_to_process  # the DAG's user_defined_macros
    return environment.from_string(template).render(**context)


UTC = timezone.utc


@unittest.skipIf(jinja2 is None, "jinja2 is not installed: the DAG's DAY template was not rendered")
class DayTemplateTest(unittest.TestCase):

    def test_a_manual_run_without_a_logical_date_renders_the_last_complete_day(self):
        # What Airflow 3 gives a run without a logical date: no data_interval_start among the names.
        run = SimpleNamespace(data_interval_start=None, run_after=datetime(2026, 12, 6, 9, 30, tzinfo=UTC))
        self.assertEqual(render(dag_constant("DAY"), {"params": {"day": None}, "dag_run": run}), "2026-12-05")

    def test_a_manual_run_with_the_day_param_renders_that_day(self):
        run = SimpleNamespace(data_interval_start=None, run_after=datetime(2026, 12, 6, 9, 30, tzinfo=UTC))
        self.assertEqual(render(dag_constant("DAY"), {"params": {"day": "2026-11-20"}, "dag_run": run}), "2026-11-20")

    def test_a_scheduled_run_renders_its_data_interval_day(self):
        start = datetime(2026, 12, 5, tzinfo=UTC)
        run = SimpleNamespace(data_interval_start=start, run_after=datetime(2026, 12, 6, tzinfo=UTC))
        context = {"params": {"day": None}, "dag_run": run, "data_interval_start": start, "ds": "2026-12-05"}
        self.assertEqual(render(dag_constant("DAY"), context), "2026-12-05")

    def test_the_former_template_fails_on_a_run_without_a_logical_date(self):
        # The check is real: a template naming data_interval_start cannot render such a run.
        run = SimpleNamespace(data_interval_start=None, run_after=datetime(2026, 12, 6, tzinfo=UTC))
        with self.assertRaises(jinja2.UndefinedError):
            render("{{ day_to_process(params.day, data_interval_start, dag_run.run_after) }}", {"params": {"day": None}, "dag_run": run})


if __name__ == "__main__":
    unittest.main()
