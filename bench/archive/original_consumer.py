#!/usr/bin/python3
"""The original design, for comparison: kafka-python consumer + one boto3 put_object per message.

Like the original project's batch consumer: each message is deserialised as JSON and written as its own
S3 object named by a counter. Runs for --seconds (or until --max messages) and prints what it did.
Debian packages: python3-kafka python3-boto3.
"""
import argparse
import json
import time

import boto3
from kafka import KafkaConsumer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--bucket", required=True)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--max", type=int, default=10**9)
    a = p.parse_args()

    s3 = boto3.client("s3", endpoint_url=a.endpoint, region_name="us-east-1")
    consumer = KafkaConsumer(a.topic, bootstrap_servers=a.bootstrap, group_id="original-design",
                             auto_offset_reset="earliest",
                             value_deserializer=lambda v: json.loads(v.decode("utf-8")))
    count = 0
    nbytes = 0
    started = None
    while count < a.max:
        batch = consumer.poll(timeout_ms=1000)
        for records in batch.values():
            for message in records:
                if started is None:
                    started = time.monotonic()
                count += 1
                body = json.dumps(message.value)
                nbytes += len(body)
                s3.put_object(Bucket=a.bucket, Key=f"pin_{count}.json", Body=body)
        if started is not None and time.monotonic() - started >= a.seconds:
            break
    elapsed = time.monotonic() - (started or time.monotonic())
    consumer.close()
    print(f"records={count} seconds={elapsed:.2f} bytes={nbytes}")


if __name__ == "__main__":
    main()
