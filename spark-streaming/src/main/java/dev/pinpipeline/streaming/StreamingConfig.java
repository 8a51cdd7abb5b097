package dev.pinpipeline.streaming;

import dev.pinpipeline.streaming.sink.SinkSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the job reads from its command line and the shared environment variables (see {@link StreamingJob}).
 *
 * @param bootstrapServers      KAFKA_BOOTSTRAP_SERVERS [localhost:9092]
 * @param topic                 PINS_TOPIC [PinterestTopic]
 * @param deadLetterTopic       [{topic}.dlq]
 * @param jdbcUrl               POSTGRES_URL [jdbc:postgresql://localhost:5432/pins]
 * @param user                  POSTGRES_USER [pins]
 * @param password              POSTGRES_PASSWORD [pins]
 * @param checkpoint            STREAMING_CHECKPOINT [checkpoints/spark-streaming]; s3a://… in production
 * @param trigger               STREAMING_TRIGGER [real-time]
 * @param interval              STREAMING_TRIGGER_INTERVAL [the mode's default, see {@link TriggerMode#defaultInterval()}]
 * @param startingOffsets       [earliest], used only when the checkpoint is new
 * @param failOnDataLoss        [true]: a retention gap stops the job with a clear error; false skips the gap
 * @param maxOffsetsPerTrigger  micro-batch only: a cap on records per batch [none]
 * @param maxBackoff            the longest wait between two write attempts while PostgreSQL is down [30 s]
 * @param maxRetryTime          how long a write keeps retrying before the job fails [0 = forever]
 */
public record StreamingConfig(
        String bootstrapServers,
        String topic,
        String deadLetterTopic,
        String jdbcUrl,
        String user,
        String password,
        String checkpoint,
        TriggerMode trigger,
        String interval,
        String startingOffsets,
        boolean failOnDataLoss,
        Optional<Long> maxOffsetsPerTrigger,
        Duration maxBackoff,
        Duration maxRetryTime) {

    /** This configuration with another trigger mode and interval. */
    public StreamingConfig withTrigger(TriggerMode mode, String triggerInterval) {
        return new StreamingConfig(bootstrapServers, topic, deadLetterTopic, jdbcUrl, user, password, checkpoint, mode,
                triggerInterval, startingOffsets, failOnDataLoss, maxOffsetsPerTrigger, maxBackoff, maxRetryTime);
    }

    public SinkSettings sinkSettings() {
        return new SinkSettings(jdbcUrl, user, password, bootstrapServers, deadLetterTopic,
                Duration.ofMillis(200), maxBackoff, maxRetryTime);
    }

    @Override
    public String toString() {
        return "topic=" + topic + ", bootstrap=" + bootstrapServers + ", dlq=" + deadLetterTopic
                + ", postgres=" + jdbcUrl + " as " + user + ", trigger=" + trigger + " every " + interval
                + ", checkpoint=" + checkpoint + ", startingOffsets=" + startingOffsets
                + ", failOnDataLoss=" + failOnDataLoss;
    }
}
