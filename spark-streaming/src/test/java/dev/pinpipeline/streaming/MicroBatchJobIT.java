package dev.pinpipeline.streaming;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** {@link StreamingJobContract} with {@code --trigger=micro-batch}. */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class MicroBatchJobIT extends StreamingJobContract {

    @Override
    TriggerMode mode() {
        return TriggerMode.MICRO_BATCH;
    }
}
