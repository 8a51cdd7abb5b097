package dev.pinpipeline.streaming;

/** {@link StreamingJobContract} with {@code --trigger=real-time} (Spark's Trigger.RealTime, a per-row writer). */
class RealTimeJobIT extends StreamingJobContract {

    @Override
    TriggerMode mode() {
        return TriggerMode.REAL_TIME;
    }

    @Override
    int kills() {
        return 2;
    }
}
