package dev.pinpipeline.streaming.sink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The micro-batch sink ({@code foreachBatch}): every Spark partition of the batch writes its rows in chunks,
 * each chunk one transaction. Spark records the batch's offsets only after all partitions returned, and a batch
 * replayed after a crash writes the same rows again, which the upserts absorb.
 */
public final class MicroBatchSink implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger log = LoggerFactory.getLogger(MicroBatchSink.class);

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
        long started = System.nanoTime();
        long writing = 0;
        int count = 0;
        PinBatchWriter writer = new PinBatchWriter(settings);
        List<PinEvent> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext()) {
            chunk.add(PinRows.toEvent(rows.next()));
            count++;
            if (chunk.size() == CHUNK) {
                writing -= System.nanoTime();
                writer.write(chunk);
                writing += System.nanoTime();
                chunk = new ArrayList<>(CHUNK);
            }
        }
        writing -= System.nanoTime();
        writer.write(chunk);
        writing += System.nanoTime();
        if (log.isDebugEnabled()) {
            long total = System.nanoTime() - started;
            log.debug(
                    "Wrote {} events in {} ms: reading and cleaning {} ms, PostgreSQL {} ms",
                    count,
                    total / 1_000_000,
                    (total - writing) / 1_000_000,
                    writing / 1_000_000);
        }
    }
}
