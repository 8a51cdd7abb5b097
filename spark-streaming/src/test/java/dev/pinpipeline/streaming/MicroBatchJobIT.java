package dev.pinpipeline.streaming;

/** {@link StreamingJobContract} with {@code --trigger=micro-batch}. */
class MicroBatchJobIT extends StreamingJobContract {

    @Override
    TriggerMode mode() {
        return TriggerMode.MICRO_BATCH;
    }
}
