package dev.pinpipeline.spark;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hadoop S3A settings derived from the environment, as {@code spark.hadoop.*} entries for the session.
 * A local S3 server (S3Proxy, MinIO) needs path-style access, the endpoint with its scheme, and a region; static
 * keys, when set, go through {@code SimpleAWSCredentialsProvider}, otherwise S3A's default credential chain applies.
 */
public final class S3aSettings {

    private S3aSettings() {}

    public static Map<String, String> sparkConf(PipelineEnvironment env) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.hadoop.fs.s3a.endpoint.region", env.awsRegion());
        if (!env.s3Endpoint().isBlank()) {
            conf.put("spark.hadoop.fs.s3a.endpoint", env.s3Endpoint());
            conf.put("spark.hadoop.fs.s3a.path.style.access", "true");
            boolean https =
                    "https".equalsIgnoreCase(URI.create(env.s3Endpoint()).getScheme());
            conf.put("spark.hadoop.fs.s3a.connection.ssl.enabled", Boolean.toString(https));
        }
        env.accessKeys().ifPresent(accessKey -> {
            conf.put(
                    "spark.hadoop.fs.s3a.aws.credentials.provider",
                    "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            conf.put("spark.hadoop.fs.s3a.access.key", accessKey);
            conf.put("spark.hadoop.fs.s3a.secret.key", env.awsSecretAccessKey());
        });
        return conf;
    }
}
