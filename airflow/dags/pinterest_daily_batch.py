"""Pinterest daily batch: each day, once its archive is complete, run spark-batch for it on the Spark cluster.

The data-interval timetable runs once a day just after midnight UTC for the day that just ended:
``data_interval_start`` is that day, passed to the job as ``--date YYYY-MM-DD``. ``catchup`` creates a run for every
missed day since ``start_date`` (a backfill), one at a time (``max_active_runs=1``), oldest first; the runs of days
before the archive's first day are skipped at once (nothing was archived then, and no marker will come).

Tasks:
  wait_for_archive  the day's ``_SUCCESS`` marker in ``s3://$S3_BUCKET/raw/$PINS_TOPIC/dt=YYYY-MM-DD/``, written by
                    batch-consumer when it has closed the day (a sensor in reschedule mode: no worker slot held).
  daily_batch       spark-submit of spark-batch's cluster jar to the ``spark_default`` connection's master with ``--date``; re-running a
                    day replaces that day's outputs only, so retries and manual re-runs are safe.

Settings come from the shared environment variables (S3_ENDPOINT, S3_BUCKET, PINS_TOPIC, AWS_*, POSTGRES_*); the Spark
master from the ``spark_default`` connection (AIRFLOW_CONN_SPARK_DEFAULT in the image); the jar path from
SPARK_BATCH_JAR (airflow/Dockerfile copies it there).
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta, timezone

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG
from airflow.timetables.interval import CronDataIntervalTimetable

DAG_ID = "pin_daily_batch"
JOB_JAR = os.environ.get("SPARK_BATCH_JAR", "/opt/pipeline/jars/spark-batch-cluster.jar")
JOB_CLASS = "dev.pinpipeline.batch.DailyBatchJob"
DAY = "{{ data_interval_start | ds }}"

S3_BUCKET = os.environ.get("S3_BUCKET", "pinterestdata")
PINS_TOPIC = os.environ.get("PINS_TOPIC", "PinterestTopic")


def archive_day_is_complete(day: str) -> bool:
    """True once batch-consumer has written the day's _SUCCESS marker (S3 settings from the shared env)."""
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
        return True
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey", "NotFound"):
            raise
    first = first_archived_day(s3)
    if first is not None and day < first:
        # batch-consumer closes days from the archive's first dt= on: an earlier day (a catchup run from
        # start_date) will never get a marker, and has nothing to process.
        from airflow.exceptions import AirflowSkipException

        raise AirflowSkipException(f"the archive starts at dt={first}: nothing to process for dt={day}")
    print(f"s3://{S3_BUCKET}/{key} not there yet")
    return False


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
    catchup=True,
    max_active_runs=1,
    default_args=default_args,
    tags=["pinterest", "spark", "batch"],
    doc_md=__doc__,
) as dag:
    wait_for_archive = PythonSensor(
        task_id="wait_for_archive",
        python_callable=archive_day_is_complete,
        op_kwargs={"day": DAY},
        mode="reschedule",
        poke_interval=timedelta(minutes=5),
        timeout=timedelta(hours=12),
        exponential_backoff=True,
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
            "spark.sql.shuffle.partitions": "8",
        },
        execution_timeout=timedelta(hours=2),
    )

    wait_for_archive >> daily_batch
