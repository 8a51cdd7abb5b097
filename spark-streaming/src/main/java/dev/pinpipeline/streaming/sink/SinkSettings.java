package dev.pinpipeline.streaming.sink;

import java.io.Serializable;
import java.time.Duration;

/**
 * What the executors need to write a batch: PostgreSQL, the dead-letter topic and the retry policy. Serializable,
 * so that Spark ships it with the sink to every task.
 *
 * @param jdbcUrl           PostgreSQL JDBC URL
 * @param user              PostgreSQL user
 * @param password          PostgreSQL password (never logged)
 * @param bootstrapServers  Kafka bootstrap servers, for the dead-letter producer
 * @param deadLetterTopic   where poison records are produced, e.g. {@code PinterestTopic.dlq}
 * @param firstBackoff      the first wait after a failed write
 * @param maxBackoff        the longest wait between two attempts (the backoff doubles up to it)
 * @param maxRetryTime      how long to keep retrying before failing the query; zero = forever
 */
public record SinkSettings(
        String jdbcUrl,
        String user,
        String password,
        String bootstrapServers,
        String deadLetterTopic,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration maxRetryTime)
        implements Serializable {

    @Override
    public String toString() {
        return "SinkSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", deadLetterTopic=" + deadLetterTopic + "]";
    }
}
