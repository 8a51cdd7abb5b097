package dev.pinpipeline.streaming;

import dev.pinpipeline.streaming.sink.SinkSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the job reads from its command line and the shared environment variables. The options, their
 * environment variables and their defaults are {@link StreamingJob}'s ({@code --help} prints them).
 *
 * @param bootstrapServers      the Kafka cluster
 * @param topic                 the pins topic
 * @param deadLetterTopic       where poison records go
 * @param jdbcUrl               PostgreSQL
 * @param user                  its user
 * @param password              its password
 * @param checkpoint            the query's checkpoint: a local directory, or s3a://… in production
 * @param trigger               micro-batch or real-time
 * @param interval              in Spark's interval form (see {@link TriggerMode#defaultInterval()})
 * @param startingOffsets       used only when the checkpoint is new
 * @param failOnDataLoss        true: a retention gap stops the job with a clear error; false skips the gap
 * @param maxOffsetsPerTrigger  micro-batch only: a cap on records per batch
 * @param maxBackoff            the longest wait between two write attempts while PostgreSQL is down
 * @param maxRetryTime          how long a write keeps retrying before the job fails; zero = forever
 */
record StreamingConfig(
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
        return new StreamingConfig(
                bootstrapServers,
                topic,
                deadLetterTopic,
                jdbcUrl,
                user,
                password,
                checkpoint,
                mode,
                triggerInterval,
                startingOffsets,
                failOnDataLoss,
                maxOffsetsPerTrigger,
                maxBackoff,
                maxRetryTime);
    }

    public SinkSettings sinkSettings() {
        return new SinkSettings(
                jdbcUrl,
                user,
                password,
                bootstrapServers,
                deadLetterTopic,
                Duration.ofMillis(200),
                maxBackoff,
                maxRetryTime);
    }

    @Override
    public String toString() {
        return "topic=" + topic + ", bootstrap=" + bootstrapServers + ", dlq=" + deadLetterTopic
                + ", postgres=" + jdbcUrl + " as " + user + ", trigger=" + trigger + " every " + interval
                + ", checkpoint=" + checkpoint + ", startingOffsets=" + startingOffsets
                + ", failOnDataLoss=" + failOnDataLoss;
    }
}
