package dev.pinpipeline.archive.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the archive back from S3: objects, and the lines inside them. */
final class ArchiveContents implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final S3Client s3;
    private final String bucket;

    ArchiveContents(String endpoint, String accessKey, String secretKey, String bucket) {
        this.bucket = bucket;
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /**
     * Creates the bucket unless it exists. Archivers started at the same moment on a fresh bucket race to create it,
     * and the loser stops with BucketAlreadyOwnedByYou (409): tests starting two at once create it first.
     */
    void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** key → bytes of every object under the prefix; empty while the bucket does not exist. */
    Map<String, byte[]> objects(String prefix) {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        try {
            for (var page : s3.listObjectsV2Paginator(
                    ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())) {
                for (S3Object object : page.contents()) {
                    if (object.key().endsWith("/")) {
                        continue; // a directory of S3Proxy's filesystem backend
                    }
                    try {
                        objects.put(
                                object.key(),
                                s3.getObjectAsBytes(g -> g.bucket(bucket).key(object.key()))
                                        .asByteArray());
                    } catch (NoSuchKeyException e) {
                        // listed while being replaced; the next look sees it
                    }
                }
            }
        } catch (NoSuchBucketException e) {
            return Map.of();
        }
        return objects;
    }

    String text(String key) {
        try {
            return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return null;
        }
    }

    boolean exists(String key) {
        return text(key) != null;
    }

    /** Every archive line under the prefix. */
    List<Line> lines(String prefix) {
        List<Line> lines = new ArrayList<>();
        objects(prefix).forEach((key, bytes) -> {
            if (key.endsWith(".jsonl.gz")) {
                gunzip(bytes).lines().forEach(text -> lines.add(Line.parse(key, text)));
            }
        });
        return lines;
    }

    static String gunzip(byte[] bytes) {
        try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * @param pin the raw text of the {@code pin} member, as it stands in the line
     */
    record Line(String key, String eventId, String ingestedAt, String topic, int partition, long offset, String pin) {

        static Line parse(String key, String text) {
            JsonNode node = JSON.readTree(text);
            int start = text.indexOf(",\"pin\":") + ",\"pin\":".length();
            String pin = text.substring(start, text.length() - 1);
            return new Line(
                    key,
                    node.get("event_id").asString(),
                    node.get("ingested_at").asString(),
                    node.get("topic").asString(),
                    node.get("partition").asInt(),
                    node.get("offset").asLong(),
                    pin);
        }
    }
}
