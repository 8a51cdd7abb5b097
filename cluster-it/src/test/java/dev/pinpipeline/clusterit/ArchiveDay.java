package dev.pinpipeline.clusterit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * One day of the raw archive as batch-consumer writes it (docs/events.md §2): gzip JSON lines in
 * {@code raw/{topic}/dt=D/hr=00/{topic}+{partition}+{first offset, 20 digits}.jsonl.gz}, then the {@code _SUCCESS}
 * marker. Each pin is one event on partition {@code i % 2}, one second apart from midnight.
 */
final class ArchiveDay {

    private static final DateTimeFormatter INGESTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ArchiveDay() {}

    static void write(
            String endpoint,
            String accessKey,
            String secretKey,
            String bucket,
            String topic,
            LocalDate day,
            List<String> pins) {
        try (S3Client s3 = client(endpoint, accessKey, secretKey)) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException alreadyThere) {
                // created by an earlier test
            }
            Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            String prefix = "raw/" + topic + "/dt=" + day + "/";
            for (int partition = 0; partition < 2; partition++) {
                List<String> lines = new ArrayList<>();
                for (int i = partition; i < pins.size(); i += 2) {
                    lines.add("{\"event_id\":\""
                            + UUID.nameUUIDFromBytes((day + "/" + i).getBytes(StandardCharsets.UTF_8))
                            + "\",\"ingested_at\":\"" + INGESTED_AT.format(midnight.plusSeconds(i)) + "\",\"topic\":\""
                            + topic + "\",\"partition\":" + partition + ",\"offset\":" + i / 2 + ",\"pin\":"
                            + pins.get(i) + "}");
                }
                String key =
                        prefix + "hr=00/" + topic + "+" + partition + "+" + String.format("%020d", 0) + ".jsonl.gz";
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(gzip(lines)));
            }
            s3.putObject(
                    b -> b.bucket(bucket).key(prefix + "_SUCCESS"),
                    RequestBody.fromBytes(("{\"date\":\"" + day + "\"}").getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** A client of a local S3 server (path-style, us-east-1, static keys). */
    static S3Client client(String endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private static byte[] gzip(List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (String line : lines) {
                gzip.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
