package dev.pinpipeline.batch.job;

import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import dev.pinpipeline.spark.LocalSpark;
import dev.pinpipeline.spark.PipelineEnvironment;
import dev.pinpipeline.spark.S3aSettings;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The job's environment pointing at the test's local servers, and a local session reading S3 through it. */
final class LocalServersEnvironment {

    private LocalServersEnvironment() {}

    /** S3Proxy with {@code bucket}, and PostgreSQL, as the job reads them from its environment variables. */
    static PipelineEnvironment of(LocalInfraExtension infra, String bucket) {
        return PipelineEnvironment.from(Map.of(
                "S3_ENDPOINT", infra.s3().endpoint(),
                "S3_BUCKET", bucket,
                "AWS_ACCESS_KEY_ID", infra.s3().accessKey(),
                "AWS_SECRET_ACCESS_KEY", infra.s3().secretKey(),
                "POSTGRES_URL", infra.postgres().jdbcUrl(),
                "POSTGRES_USER", infra.postgres().user(),
                "POSTGRES_PASSWORD", infra.postgres().password()));
    }

    /** The shared local session, its S3A pointed at {@code env}'s endpoint and credentials. */
    static SparkSession sparkFor(PipelineEnvironment env) {
        SparkSession spark = LocalSpark.session(PinCleaning.SPARK_SETTINGS);
        S3aSettings.sparkConf(env)
                .forEach((key, value) ->
                        spark.sparkContext().hadoopConfiguration().set(key.substring("spark.hadoop.".length()), value));
        return spark;
    }
}
