package dev.pinpipeline.archive.storage;

import dev.pinpipeline.archive.ArchiveProperties;
import java.net.URI;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

@Configuration(proxyBeanMethods = false)
class S3Configuration {

    @Bean(destroyMethod = "close")
    S3Client s3Client(ArchiveProperties properties) {
        ArchiveProperties.S3 s3 = properties.s3();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(
                        o -> o.apiCallAttemptTimeout(Duration.ofSeconds(30)).apiCallTimeout(Duration.ofSeconds(90)))
                // one integrity check per upload, the archive's own Content-MD5 (S3 rejects a file that does not
                // match it): by default the SDK adds a CRC32 of every file too, and sends it as an aws-chunked trailer
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!s3.accessKeyId().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        if (!s3.endpoint().isBlank()) {
            // an S3-compatible server (S3Proxy locally): path-style. Over plain HTTP the SDK signs the payload;
            // without aws-chunked encoding that is one SHA-256 of the file instead of a signature per chunk (the
            // server checks it and the Content-MD5 alike).
            builder.endpointOverride(URI.create(s3.endpoint()))
                    .forcePathStyle(true)
                    .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                            .chunkedEncodingEnabled(false)
                            .build());
        }
        return builder.build();
    }

    @Bean
    S3ArchiveStore s3ArchiveStore(S3Client s3Client, ArchiveProperties properties) {
        return new S3ArchiveStore(s3Client, properties.s3().bucket());
    }
}
