package dev.pinpipeline.streaming.sink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The micro-batch sink ({@code foreachBatch}): every Spark partition of the batch writes its rows in chunks,
 * each chunk one transaction. Spark records the batch's offsets only after all partitions returned, and a batch
 * replayed after a crash writes the same rows again, which the upserts absorb.
 */
public final class MicroBatchSink implements VoidFunction2<Dataset<Row>, Long> {

    /** Rows per transaction: big enough to amortise the round trips, small enough to keep memory flat. */
    static final int CHUNK = 2_000;

    private final SinkSettings settings;

    public MicroBatchSink(SinkSettings settings) {
        this.settings = settings;
    }

    @Override
    public void call(Dataset<Row> classified, Long batchId) {
        SinkSettings sinkSettings = settings;
        classified.foreachPartition((Iterator<Row> rows) -> writePartition(sinkSettings, rows));
    }

    static void writePartition(SinkSettings settings, Iterator<Row> rows) {
        PinBatchWriter writer = new PinBatchWriter(settings);
        List<PinEvent> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext()) {
            chunk.add(PinRows.toEvent(rows.next()));
            if (chunk.size() == CHUNK) {
                writer.write(chunk);
                chunk = new ArrayList<>(CHUNK);
            }
        }
        writer.write(chunk);
    }
}
