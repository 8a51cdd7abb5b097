package dev.pinpipeline.archive;

import dev.pinpipeline.archive.gzip.GzipLibrary;
import dev.pinpipeline.events.ArchiveKeys;
import dev.pinpipeline.events.DeadLetter;
import dev.pinpipeline.events.SharedEnvironment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the archiver (prefix {@code archive}). Kafka client settings come from Boot's {@code spring.kafka.*};
 * the shared environment variables are mapped in application.properties, their defaults are pin-events'
 * {@link SharedEnvironment}.
 *
 * @param topic             the topic to archive ({@code PINS_TOPIC}, default {@code PinterestTopic})
 * @param groupId           the consumer group; instances with the same group share the partitions
 * @param deadLetterTopic   where records that are not a JSON object go; empty = {@code {topic}.dlq}
 * @param consumers         poll loops (one KafkaConsumer each) in this instance, default 1
 * @param flushRecords      a file is closed when it holds this many records (default 10 000)
 * @param flushSize         ... or this many uncompressed bytes (default 64MB)
 * @param idleFlush         a partition that received nothing for this long is flushed (default 60s). The only
 *                          roll point that depends on time: after a crash, the rebuilt file has the same key
 *                          and at least the same records
 * @param gzipLevel         compression level 1..9 of the archive files (default 1: on the real pins far faster
 *                          than level 6 for slightly bigger files, and gzip is most of the archiver's CPU; the
 *                          figures are in the README)
 * @param gzipLibrary       {@code auto} (default: libdeflate where it loads, else the JDK's zlib), {@code libdeflate}
 *                          (fail at start-up without it) or {@code jdk}. libdeflate costs less CPU per record
 *                          for slightly smaller files (README); the bytes differ, the lines do not
 * @param pollTimeout       the longest a poll waits for records (default 1s)
 * @param retryBackoff      first wait after a failed upload; doubles up to {@code retryMaxBackoff}
 * @param retryMaxBackoff   longest wait between upload attempts (default 30s)
 * @param completeness      when a day gets its {@code _SUCCESS} marker
 * @param s3                where the archive goes
 */
@ConfigurationProperties("archive")
@Validated
public record ArchiveProperties(
        @DefaultValue(SharedEnvironment.PINS_TOPIC_DEFAULT) @NotBlank
        String topic,

        @DefaultValue("batch-consumer") @NotBlank String groupId,
        @DefaultValue("") String deadLetterTopic,
        @DefaultValue("1") @Min(1) int consumers,
        @DefaultValue("10000") @Min(1) int flushRecords,
        @DefaultValue("64MB") @NotNull DataSize flushSize,
        @DefaultValue("60s") @NotNull Duration idleFlush,
        @DefaultValue("1") @Min(1) @Max(9) int gzipLevel,
        @DefaultValue("auto") @NotNull GzipLibrary gzipLibrary,
        @DefaultValue("1s") @NotNull Duration pollTimeout,
        @DefaultValue("1s") @NotNull Duration retryBackoff,
        @DefaultValue("30s") @NotNull Duration retryMaxBackoff,
        @DefaultValue @Valid Completeness completeness,
        @DefaultValue @Valid S3 s3) {

    /** The dead-letter topic, {@code {topic}.dlq} unless set. */
    public String deadLetterTopicName() {
        return deadLetterTopic.isBlank() ? DeadLetter.topicFor(topic) : deadLetterTopic;
    }

    /**
     * @param enabled       write {@code dt=YYYY-MM-DD/_SUCCESS} markers (default true)
     * @param grace         a day is complete once every partition is past its end by this much (default 10m):
     *                      covers ingest clocks that disagree and records that reach Kafka late
     * @param checkInterval how often the instance that owns partition 0 looks for complete days (default 30s)
     */
    public record Completeness(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10m") @NotNull Duration grace,
            @DefaultValue("30s") @NotNull Duration checkInterval) {}

    /**
     * @param endpoint        empty = AWS; otherwise any S3-compatible endpoint ({@code S3_ENDPOINT})
     * @param bucket          the archive bucket ({@code S3_BUCKET}, default {@code pinterestdata})
     * @param region          {@code AWS_REGION}, default {@code us-east-1}
     * @param accessKeyId     static credentials; empty = the SDK's default chain
     * @param secretAccessKey static credentials; empty = the SDK's default chain
     * @param createBucket    create the bucket at start-up if it is missing (default true)
     * @param prefix          the key prefix of the archive (default {@code raw})
     */
    public record S3(
            @DefaultValue(SharedEnvironment.S3_ENDPOINT_DEFAULT)
            String endpoint,

            @DefaultValue(SharedEnvironment.S3_BUCKET_DEFAULT) @NotBlank
            String bucket,

            @DefaultValue(SharedEnvironment.AWS_REGION_DEFAULT) @NotBlank
            String region,

            @DefaultValue(SharedEnvironment.AWS_CREDENTIALS_DEFAULT)
            String accessKeyId,

            @DefaultValue(SharedEnvironment.AWS_CREDENTIALS_DEFAULT)
            String secretAccessKey,

            @DefaultValue("true") boolean createBucket,
            @DefaultValue(ArchiveKeys.RAW_PREFIX) @NotBlank String prefix) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", prefix=" + prefix + "]";
        }
    }
}
