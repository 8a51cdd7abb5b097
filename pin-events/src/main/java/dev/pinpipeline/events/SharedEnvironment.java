package dev.pinpipeline.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables several modules read (docs/operations.md, Settings), each name and default stated
 * once here. The constants are compile-time constants, so Spring's {@code @DefaultValue} and picocli's annotations
 * can use them, e.g. {@code defaultValue = "${env:" + PINS_TOPIC + ":-" + PINS_TOPIC_DEFAULT + "}"}.
 * An empty default means "not set": the AWS endpoint, or the default AWS credential chain.
 */
public final class SharedEnvironment {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String KAFKA_BOOTSTRAP_SERVERS_DEFAULT = "localhost:9092";

    /** The pins topic; also the archive's folder {@code raw/{topic}/}. */
    public static final String PINS_TOPIC = "PINS_TOPIC";

    public static final String PINS_TOPIC_DEFAULT = "PinterestTopic";

    /** Partitions of the pins topic when it is created (ingest-api, the local run, compose's PINS_PARTITIONS). */
    public static final String PINS_TOPIC_PARTITIONS = "PINS_TOPIC_PARTITIONS";

    public static final int PINS_TOPIC_PARTITIONS_DEFAULT = 2;

    public static final String S3_ENDPOINT = "S3_ENDPOINT";
    public static final String S3_ENDPOINT_DEFAULT = "";

    public static final String S3_BUCKET = "S3_BUCKET";
    public static final String S3_BUCKET_DEFAULT = "pinterestdata";

    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_REGION_DEFAULT = "us-east-1";

    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String AWS_CREDENTIALS_DEFAULT = "";

    public static final String POSTGRES_URL = "POSTGRES_URL";
    public static final String POSTGRES_URL_DEFAULT = "jdbc:postgresql://localhost:5432/pins";

    public static final String POSTGRES_USER = "POSTGRES_USER";
    public static final String POSTGRES_USER_DEFAULT = "pins";

    public static final String POSTGRES_PASSWORD = "POSTGRES_PASSWORD";
    public static final String POSTGRES_PASSWORD_DEFAULT = "pins";

    /** The API key of ingest-api: required {@code X-API-Key} when set (ingest-api, user-emulator). */
    public static final String INGEST_API_KEY = "INGEST_API_KEY";

    public static final String INGEST_API_KEY_DEFAULT = "";

    private SharedEnvironment() {}

    /** Every variable above with its default, in this order (e.g. a Spring property source of defaults). */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(KAFKA_BOOTSTRAP_SERVERS, KAFKA_BOOTSTRAP_SERVERS_DEFAULT);
        defaults.put(PINS_TOPIC, PINS_TOPIC_DEFAULT);
        defaults.put(PINS_TOPIC_PARTITIONS, Integer.toString(PINS_TOPIC_PARTITIONS_DEFAULT));
        defaults.put(S3_ENDPOINT, S3_ENDPOINT_DEFAULT);
        defaults.put(S3_BUCKET, S3_BUCKET_DEFAULT);
        defaults.put(AWS_REGION, AWS_REGION_DEFAULT);
        defaults.put(AWS_ACCESS_KEY_ID, AWS_CREDENTIALS_DEFAULT);
        defaults.put(AWS_SECRET_ACCESS_KEY, AWS_CREDENTIALS_DEFAULT);
        defaults.put(POSTGRES_URL, POSTGRES_URL_DEFAULT);
        defaults.put(POSTGRES_USER, POSTGRES_USER_DEFAULT);
        defaults.put(POSTGRES_PASSWORD, POSTGRES_PASSWORD_DEFAULT);
        defaults.put(INGEST_API_KEY, INGEST_API_KEY_DEFAULT);
        return defaults;
    }

    /** The shared variable's value in {@code env}, trimmed; its default when unset or blank. */
    public static String valueOf(Map<String, String> env, String name) {
        String defaultValue = defaults().get(name);
        if (defaultValue == null) {
            throw new IllegalArgumentException(
                    name + " is not a shared variable: " + defaults().keySet());
        }
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }
}
