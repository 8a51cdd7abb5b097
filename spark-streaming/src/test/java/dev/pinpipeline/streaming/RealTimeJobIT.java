package dev.pinpipeline.streaming;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** {@link StreamingJobContract} with {@code --trigger=real-time} (Spark's Trigger.RealTime, a per-row writer). */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
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
