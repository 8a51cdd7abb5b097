"""The original Pinterest ingest API, rebuilt from Debian packages as the benchmark's baseline.

FastAPI + pydantic with the original's 11-field model, producing with kafka-python (acks=all) and, unlike the
original, waiting for the broker's ack before answering, so both services promise the same thing.

    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 PINS_TOPIC=PinterestTopic PORT=8000 /usr/bin/python3 original_service.py
"""
import json
import os

import uvicorn
from fastapi import FastAPI
from kafka import KafkaProducer
from pydantic import BaseModel


class Data(BaseModel):
    index: int
    unique_id: str
    title: str
    description: str
    follower_count: str
    tag_list: str
    is_image_or_video: str
    image_src: str
    downloaded: int
    save_location: str
    category: str


TOPIC = os.environ.get("PINS_TOPIC", "PinterestTopic")

producer = KafkaProducer(
    bootstrap_servers=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
    client_id="original-pin-api",
    acks="all",
    value_serializer=lambda value: json.dumps(value).encode("utf-8"),
)

app = FastAPI()


@app.post("/pin/")
def send_pin(item: Data):
    producer.send(topic=TOPIC, value=dict(item)).get(timeout=10)
    return item


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")), log_level="warning",
                access_log=False)
