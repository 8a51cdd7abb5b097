"""Pinterest daily batch: each day, once its archive is complete, run spark-batch for it on the Spark cluster.

Which day a run processes (pin_batch_days.day_to_process, plain Python tested by the build):
  - the ``day`` param, when the run names one: the UI's trigger form, or ``{"conf": {"day": "2026-12-05"}}`` in the
    REST API;
  - else, for a scheduled or backfill run, its data interval's day: the schedule runs just after midnight UTC for
    the day that ended;
  - else (a manual run, which has no data interval in Airflow 3), the last complete day.
History is processed with ``airflow backfill create`` (docs/docker.md); ``catchup`` is off, so a first start
queues one run, not one per day since ``start_date``.

Tasks:
  wait_for_archive  the day's ``_SUCCESS`` marker in ``s3://$S3_BUCKET/raw/$PINS_TOPIC/dt=YYYY-MM-DD/``, written by
                    batch-consumer when it has closed the day (a sensor in reschedule mode: no worker slot held).
                    Bounded: past 2 h after the day's end without the marker, it fails and says which one is
                    missing; a day before the archive's first day, or past its deadline while the archive is
                    empty, is skipped (nothing was archived for it).
  daily_batch       spark-submit of spark-batch's cluster jar to the ``spark_default`` connection's master with
                    ``--date``; re-running a day replaces that day's outputs only, so retries and re-runs are safe.

Settings come from the shared environment variables (S3_ENDPOINT, S3_BUCKET, PINS_TOPIC, AWS_*, POSTGRES_*); the Spark
master from the ``spark_default`` connection (AIRFLOW_CONN_SPARK_DEFAULT in the image); the jar path from
SPARK_BATCH_JAR (airflow/Dockerfile copies it there); the executors' size from BATCH_EXECUTOR_MEMORY and
BATCH_CORES_MAX (docker-compose.yml).
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta, timezone

from airflow.exceptions import AirflowFailException, AirflowSkipException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, Param
from airflow.timetables.interval import CronDataIntervalTimetable

from pin_batch_days import FAIL, READY, SKIP, day_to_process, marker_verdict

DAG_ID = "pin_daily_batch"
JOB_JAR = os.environ.get("SPARK_BATCH_JAR", "/opt/pipeline/jars/spark-batch-cluster.jar")
JOB_CLASS = "dev.pinpipeline.batch.job.DailyBatchJob"
# The day a run processes, rendered in each task (user_defined_macros below): the day param, else the data
# interval's day, else the last complete day before the run. Read from dag_run: Airflow 3 puts data_interval_start
# in the template context only when the run has a logical date, and a missing name fails the rendering.
DAY = "{{ day_to_process(params.day, dag_run.data_interval_start, dag_run.run_after) }}"

S3_BUCKET = os.environ.get("S3_BUCKET", "pinterestdata")
PINS_TOPIC = os.environ.get("PINS_TOPIC", "PinterestTopic")


def archive_day_is_complete(day: str) -> bool:
    """True once batch-consumer has written the day's _SUCCESS marker (S3 settings from the shared env).

    Fails the task once the marker is overdue (pin_batch_days.marker_verdict), saying which one is missing.
    """
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError

    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ.get("S3_ENDPOINT") or None,
        region_name=os.environ.get("AWS_REGION", "us-east-1"),
        config=Config(s3={"addressing_style": "path"}),
    )
    key = f"raw/{PINS_TOPIC}/dt={day}/_SUCCESS"
    try:
        s3.head_object(Bucket=S3_BUCKET, Key=key)
        exists = True
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey", "NotFound"):
            raise
        exists = False
    first = None if exists else first_archived_day(s3)
    verdict = marker_verdict(day, f"s3://{S3_BUCKET}/{key}", exists, first, datetime.now(timezone.utc))
    if verdict.state == SKIP:
        raise AirflowSkipException(verdict.message)
    if verdict.state == FAIL:
        raise AirflowFailException(verdict.message)
    print(verdict.message)
    return verdict.state == READY


def first_archived_day(s3) -> str | None:
    """The archive's earliest day (its first dt= folder: S3 lists keys in order), or None while it is empty."""
    listing = s3.list_objects_v2(Bucket=S3_BUCKET, Prefix=f"raw/{PINS_TOPIC}/dt=", Delimiter="/", MaxKeys=1)
    prefixes = listing.get("CommonPrefixes", [])
    return prefixes[0]["Prefix"].rstrip("/").rsplit("dt=", 1)[1] if prefixes else None


default_args = {
    "owner": "data-engineering",
    "retries": 3,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}

with DAG(
    dag_id=DAG_ID,
    description="One day of the pins archive -> curated Parquet, analytics in PostgreSQL (spark-batch)",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=datetime(2026, 11, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    params={
        "day": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Day to process",
            description="YYYY-MM-DD (UTC). Empty: the last complete day (a scheduled run: the day that just ended).",
        ),
    },
    user_defined_macros={"day_to_process": day_to_process},
    tags=["pinterest", "spark", "batch"],
    doc_md=__doc__,
) as dag:
    wait_for_archive = PythonSensor(
        task_id="wait_for_archive",
        python_callable=archive_day_is_complete,
        op_kwargs={"day": DAY},
        mode="reschedule",
        poke_interval=timedelta(minutes=2),
        # A backstop only: the callable fails the task once the marker is overdue, which is sooner.
        timeout=timedelta(hours=27),
        exponential_backoff=True,
        max_wait=timedelta(minutes=15),
    )

    daily_batch = SparkSubmitOperator(
        task_id="daily_batch",
        conn_id="spark_default",
        application=JOB_JAR,
        java_class=JOB_CLASS,
        name=f"{DAG_ID}-{DAY}",
        application_args=["--date", DAY],
        conf={
            # Client mode: the driver runs in this container; the executors must reach it by name.
            "spark.driver.host": os.environ.get("SPARK_DRIVER_HOST", socket.gethostname()),
            "spark.driver.bindAddress": "0.0.0.0",
            "spark.driver.memory": "512m",  # Spark refuses a driver heap under 450 MiB
            "spark.executor.memory": os.environ.get("BATCH_EXECUTOR_MEMORY", "640m"),
            "spark.cores.max": os.environ.get("BATCH_CORES_MAX", "2"),
            "spark.sql.shuffle.partitions": "8",
        },
        execution_timeout=timedelta(hours=2),
    )

    wait_for_archive >> daily_batch
