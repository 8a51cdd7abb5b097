package dev.pinpipeline.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The bucket set-up against a real S3 server (S3Proxy). */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class S3ArchiveStoreIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.S3);

    private S3Client s3;

    @BeforeEach
    void connect() {
        s3 = S3Client.builder()
                .endpointOverride(URI.create(infra.s3().endpoint()))
                .forcePathStyle(true)
                .region(Region.of(infra.s3().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        infra.s3().accessKey(), infra.s3().secretKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @AfterEach
    void close() {
        s3.close();
    }

    @Test
    void aMissingBucketIsCreated() {
        new S3ArchiveStore(s3, "store-it-missing").ensureBucket(true);

        assertThat(s3.listBuckets().buckets()).anyMatch(bucket -> bucket.name().equals("store-it-missing"));
    }

    @Test
    void creatingABucketAnotherInstanceCreatedMeanwhileIsNoFailure() {
        // What the instance that loses the race sees: the bucket was missing when it looked, and exists when it
        // creates.
        s3.createBucket(b -> b.bucket("store-it-raced"));

        assertThatNoException().isThrownBy(() -> new S3ArchiveStore(s3, "store-it-raced").createBucket());
    }
}
