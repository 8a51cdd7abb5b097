package dev.pinpipeline.streaming.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;

/**
 * The real-time mode sink ({@code Trigger.RealTime} accepts only a per-row {@link ForeachWriter}). Rows arrive one
 * by one for the whole epoch, so waiting for the epoch's end would cost seconds of latency; instead a flusher
 * thread writes whatever has queued up since its previous write ("smart batching"): one row at a time when the
 * stream is quiet, large batches under load, never a fixed linger. {@link #close} waits until every row of the
 * epoch is written, so the epoch's offsets are committed only after its rows are in PostgreSQL. Delivery is
 * at-least-once; the idempotent upserts make the effect exactly-once.
 */
public final class RealTimeSink extends ForeachWriter<Row> {

    static final int MAX_BATCH = 2_000;

    private final SinkSettings settings;
    private transient BlockingQueue<PinEvent> queue;
    private transient Thread flusher;
    private transient volatile boolean closing;
    private transient volatile RuntimeException failure;

    public RealTimeSink(SinkSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean open(long partitionId, long epochId) {
        queue = new ArrayBlockingQueue<>(4 * MAX_BATCH);
        closing = false;
        failure = null;
        PinBatchWriter writer = new PinBatchWriter(settings);
        flusher = new Thread(() -> flushUntilClosed(writer), "pin-sink-p" + partitionId + "-e" + epochId);
        flusher.setDaemon(true);
        flusher.start();
        return true;
    }

    @Override
    public void process(Row row) {
        throwIfFailed();
        try {
            while (!queue.offer(PinRows.toEvent(row), 100, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a row", e);
        }
    }

    @Override
    public void close(Throwable errorOrNull) {
        closing = true;
        try {
            flusher.join();
        } catch (InterruptedException e) {
            flusher.interrupt();
            Thread.currentThread().interrupt();
        }
        if (errorOrNull == null) {
            throwIfFailed();
        }
    }

    private void flushUntilClosed(PinBatchWriter writer) {
        List<PinEvent> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                PinEvent first = queue.poll(5, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writer.write(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            failure = new IllegalStateException("sink flusher interrupted");
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void throwIfFailed() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }
}
