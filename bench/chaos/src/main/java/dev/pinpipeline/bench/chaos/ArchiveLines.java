package dev.pinpipeline.bench.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every line of the raw archive (docs/events.md §2), read with a plain S3 listing and the JDK's gunzip, which reads
 * concatenated gzip members as one stream. The envelope's members come in a fixed order, so its head is matched
 * as text; the pin itself is not needed.
 */
final class ArchiveLines {

    record ArchiveLine(String objectKey, String eventId, String ingestedAt, int partition, long offset) {

        String day() {
            return ingestedAt.substring(0, 10);
        }
    }

    private static final Pattern ENVELOPE = Pattern.compile(
            "^\\{\"event_id\":\"([^\"]*)\",\"ingested_at\":\"([^\"]*)\",\"topic\":\"[^\"]*\",\"partition\":(\\d+),\"offset\":(\\d+),\"pin\":");

    static List<ArchiveLine> readAll(S3Client s3, String bucket, String topic) {
        List<ArchiveLine> lines = new ArrayList<>();
        List<String> keys = s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                        .prefix("raw/" + topic + "/").build())
                .contents().stream().map(S3Object::key).filter(k -> k.endsWith(".jsonl.gz")).toList();
        for (String key : keys) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(s3.getObject(b -> b.bucket(bucket).key(key))), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    Matcher m = ENVELOPE.matcher(line);
                    if (!m.find()) {
                        throw new IllegalStateException("Not an archive envelope in " + key + ": "
                                + line.substring(0, Math.min(120, line.length())));
                    }
                    lines.add(new ArchiveLine(key, m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                            Long.parseLong(m.group(4))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + key, e);
            }
        }
        return lines;
    }

    private ArchiveLines() {
    }
}
