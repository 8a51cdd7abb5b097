package dev.pinpipeline.local;

import static dev.pinpipeline.events.SharedEnvironment.AWS_ACCESS_KEY_ID;
import static dev.pinpipeline.events.SharedEnvironment.AWS_REGION;
import static dev.pinpipeline.events.SharedEnvironment.AWS_SECRET_ACCESS_KEY;
import static dev.pinpipeline.events.SharedEnvironment.KAFKA_BOOTSTRAP_SERVERS;
import static dev.pinpipeline.events.SharedEnvironment.PINS_TOPIC;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_PASSWORD;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_URL;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_USER;
import static dev.pinpipeline.events.SharedEnvironment.S3_BUCKET;
import static dev.pinpipeline.events.SharedEnvironment.S3_ENDPOINT;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach the running servers, and the shared environment variables every service and job reads
 * (see the README's settings table).
 */
public record Endpoints(
        String kafkaBootstrapServers,
        String topic,
        String s3Endpoint,
        String s3AccessKey,
        String s3SecretKey,
        String s3Region,
        String bucket,
        String postgresJdbcUrl,
        String postgresUser,
        String postgresPassword) {

    /** The environment of a child service or job: the shared variables, nothing else from this launcher. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        put(env, PINS_TOPIC, topic);
        put(env, S3_ENDPOINT, s3Endpoint);
        put(env, S3_BUCKET, bucket);
        put(env, AWS_REGION, s3Region);
        put(env, AWS_ACCESS_KEY_ID, s3AccessKey);
        put(env, AWS_SECRET_ACCESS_KEY, s3SecretKey);
        put(env, POSTGRES_URL, postgresJdbcUrl);
        put(env, POSTGRES_USER, postgresUser);
        put(env, POSTGRES_PASSWORD, postgresPassword);
        return env;
    }

    /** The exact psql command line for the local database. */
    public String psqlCommand() {
        if (postgresJdbcUrl == null) {
            return "(PostgreSQL not running)";
        }
        URI uri = URI.create(postgresJdbcUrl.substring("jdbc:".length()));
        return "psql postgresql://%s:%s@%s:%d%s"
                .formatted(postgresUser, postgresPassword, uri.getHost(), uri.getPort(), uri.getPath());
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
