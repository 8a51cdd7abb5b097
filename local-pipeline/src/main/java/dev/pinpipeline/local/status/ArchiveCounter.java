package dev.pinpipeline.local.status;

import dev.pinpipeline.events.ArchiveKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Counts the events in the raw archive ({@code raw/{topic}/…jsonl.gz}, one event per line). Archive objects are
 * immutable once written, so each is read once and its count remembered by key and ETag.
 */
public final class ArchiveCounter {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Map<String, Long> linesByObject = new HashMap<>();

    public ArchiveCounter(S3Client s3, String bucket, String topic) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = ArchiveKeys.raw().topicDir(topic);
    }

    public long count() {
        long total = 0;
        for (S3Object object :
                s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            if (!object.key().endsWith(ArchiveKeys.FILE_SUFFIX)) {
                continue;
            }
            String id = object.key() + "@" + object.eTag();
            Long lines = linesByObject.get(id);
            if (lines == null) {
                lines = countLines(object.key());
                linesByObject.put(id, lines);
            }
            total += lines;
        }
        return total;
    }

    public long countLines(String key) {
        try (ResponseInputStream<GetObjectResponse> in =
                        s3.getObject(r -> r.bucket(bucket).key(key));
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read s3://" + bucket + "/" + key, e);
        }
    }
}
