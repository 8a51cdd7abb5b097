package dev.pinpipeline.spark;

import static dev.pinpipeline.events.SharedEnvironment.AWS_ACCESS_KEY_ID;
import static dev.pinpipeline.events.SharedEnvironment.AWS_REGION;
import static dev.pinpipeline.events.SharedEnvironment.AWS_SECRET_ACCESS_KEY;
import static dev.pinpipeline.events.SharedEnvironment.PINS_TOPIC;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_PASSWORD;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_URL;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_USER;
import static dev.pinpipeline.events.SharedEnvironment.S3_BUCKET;
import static dev.pinpipeline.events.SharedEnvironment.S3_ENDPOINT;
import static dev.pinpipeline.events.SharedEnvironment.valueOf;

import dev.pinpipeline.events.ArchiveKeys;
import dev.pinpipeline.events.SharedEnvironment;
import java.util.Map;
import java.util.Optional;

/**
 * The shared environment variables the Spark jobs read (the project's shared configuration), with their defaults
 * (pin-events' {@link SharedEnvironment} states them).
 *
 * @param s3Endpoint          {@code S3_ENDPOINT}, empty = AWS itself; a local S3 server is e.g. {@code http://127.0.0.1:9000}
 * @param s3Bucket            {@code S3_BUCKET} [pinterestdata]: holds {@code raw/} (the archive) and {@code curated/}
 * @param awsRegion           {@code AWS_REGION} [us-east-1]
 * @param awsAccessKeyId      {@code AWS_ACCESS_KEY_ID}, empty = the default AWS credential chain
 * @param awsSecretAccessKey  {@code AWS_SECRET_ACCESS_KEY}
 * @param pinsTopic           {@code PINS_TOPIC} [PinterestTopic]: the archive's {@code raw/{topic}} folder
 * @param postgresUrl         {@code POSTGRES_URL} [jdbc:postgresql://localhost:5432/pins]
 * @param postgresUser        {@code POSTGRES_USER} [pins]
 * @param postgresPassword    {@code POSTGRES_PASSWORD} [pins]
 */
public record PipelineEnvironment(
        String s3Endpoint,
        String s3Bucket,
        String awsRegion,
        String awsAccessKeyId,
        String awsSecretAccessKey,
        String pinsTopic,
        String postgresUrl,
        String postgresUser,
        String postgresPassword) {

    public static PipelineEnvironment fromSystem() {
        return from(System.getenv());
    }

    public static PipelineEnvironment from(Map<String, String> env) {
        return new PipelineEnvironment(
                valueOf(env, S3_ENDPOINT),
                valueOf(env, S3_BUCKET),
                valueOf(env, AWS_REGION),
                valueOf(env, AWS_ACCESS_KEY_ID),
                valueOf(env, AWS_SECRET_ACCESS_KEY),
                valueOf(env, PINS_TOPIC),
                valueOf(env, POSTGRES_URL),
                valueOf(env, POSTGRES_USER),
                valueOf(env, POSTGRES_PASSWORD));
    }

    /** The archive root of the pins topic: {@code s3a://{bucket}/raw/{topic}}, holding the {@code dt=…} folders. */
    public String defaultArchiveRoot() {
        return "s3a://" + s3Bucket + "/" + ArchiveKeys.RAW_PREFIX + "/" + pinsTopic;
    }

    /** Where the job writes: {@code s3a://{bucket}/curated}. */
    public String defaultOutputRoot() {
        return "s3a://" + s3Bucket + "/curated";
    }

    public PostgresSettings postgres() {
        return new PostgresSettings(postgresUrl, postgresUser, postgresPassword);
    }

    Optional<String> accessKeys() {
        return awsAccessKeyId.isBlank() ? Optional.empty() : Optional.of(awsAccessKeyId);
    }

    @Override
    public String toString() {
        return "PipelineEnvironment[s3Endpoint=" + s3Endpoint + ", s3Bucket=" + s3Bucket + ", awsRegion=" + awsRegion
                + ", pinsTopic=" + pinsTopic + ", postgresUrl=" + postgresUrl + ", postgresUser=" + postgresUser + "]";
    }
}
