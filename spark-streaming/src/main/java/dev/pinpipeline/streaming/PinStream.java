package dev.pinpipeline.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.cleaning.RawEvents;
import dev.pinpipeline.streaming.sink.MicroBatchSink;
import dev.pinpipeline.streaming.sink.RealTimeSink;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/** The query: read the topic, classify with pin-cleaning, write with the sink of the trigger mode. */
public final class PinStream {

    public static final String QUERY_NAME = "pin-streaming";

    /**
     * How long the broker may hold a fetch that has no new data (Kafka's default: 500 ms). In micro-batch mode a
     * task's consumer now and then found such a fetch in flight when its batch began and waited it out: a stall of
     * both partitions that was the whole p99 (measured in bench/streaming/README.md). 50 ms costs an idle consumer a
     * few more empty fetches.
     */
    static final String FETCH_MAX_WAIT_MS = "50";

    private PinStream() {}

    /** The topic's records with their headers (event_id, ingested_at travel there, docs/events.md §1). */
    public static Dataset<Row> kafkaRecords(SparkSession spark, StreamingConfig config) {
        DataStreamReader reader = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", config.bootstrapServers())
                .option("subscribe", config.topic())
                .option("includeHeaders", "true")
                .option("kafka.fetch.max.wait.ms", FETCH_MAX_WAIT_MS)
                .option("startingOffsets", config.startingOffsets())
                .option("failOnDataLoss", Boolean.toString(config.failOnDataLoss()));
        if (config.trigger() == TriggerMode.MICRO_BATCH
                && config.maxOffsetsPerTrigger().isPresent()) {
            reader = reader.option(
                    "maxOffsetsPerTrigger", config.maxOffsetsPerTrigger().get());
        }
        return reader.load();
    }

    /**
     * Cleaned columns + reject_reason (null when clean) + raw_value, one row per record: stateless. raw_value is a
     * reject's record value byte for byte (the cleaning's value column keeps the bytes, see RawEvents.fromKafka);
     * clean events carry neither.
     */
    public static Dataset<Row> classified(Dataset<Row> kafkaRecords) {
        return PinCleaning.classify(RawEvents.fromKafka(kafkaRecords))
                .withColumn(
                        "raw_value",
                        when(col("reject_reason").isNotNull(), col("value").cast("binary")))
                .drop("value");
    }

    public static StreamingQuery start(Dataset<Row> classified, StreamingConfig config) throws TimeoutException {
        DataStreamWriter<Row> writer =
                classified.writeStream().queryName(QUERY_NAME).option("checkpointLocation", config.checkpoint());
        if (config.trigger() == TriggerMode.REAL_TIME) {
            writer = writer.outputMode("update")
                    .foreach(new RealTimeSink(config.sinkSettings()))
                    .trigger(Trigger.RealTime(config.interval()));
        } else {
            writer = writer.outputMode("append")
                    .foreachBatch(new MicroBatchSink(config.sinkSettings()))
                    .trigger(Trigger.ProcessingTime(config.interval()));
        }
        return writer.start();
    }
}
