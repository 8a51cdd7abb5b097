package dev.pinpipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class S3aSettingsTest {

    @Test
    void s3aSettingsForALocalServerUsePathStyleAndStaticKeys() {
        Map<String, String> conf = S3aSettings.sparkConf(PipelineEnvironment.from(Map.of(
                "S3_ENDPOINT", "http://127.0.0.1:9000", "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret")));

        assertThat(conf)
                .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
                .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
                .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
                .containsEntry(
                        "spark.hadoop.fs.s3a.aws.credentials.provider",
                        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
                .containsEntry("spark.hadoop.fs.s3a.access.key", "id");
    }

    @Test
    void s3aSettingsForAwsKeepTheDefaultEndpointAndCredentialChain() {
        Map<String, String> conf = S3aSettings.sparkConf(PipelineEnvironment.from(Map.of("AWS_REGION", "eu-west-1")));

        assertThat(conf).containsOnly(Map.entry("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1"));
    }
}
