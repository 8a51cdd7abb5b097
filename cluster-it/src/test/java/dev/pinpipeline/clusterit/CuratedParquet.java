package dev.pinpipeline.clusterit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Rows of the Parquet files the job wrote under an S3 prefix, read from the files' footers (each file is fetched
 * with the AWS SDK, no Spark): what the executors really wrote through S3A.
 */
final class CuratedParquet {

    private CuratedParquet() {}

    /** The Parquet files under {@code prefix} (e.g. {@code curated/events/dt=2026-11-20/}) and their rows. */
    record Rows(List<String> files, long rows) {}

    static Rows under(S3Client s3, String bucket, String prefix, Path scratch) throws IOException {
        List<String> files = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .filter(key -> key.endsWith(".parquet"))
                .toList();
        long rows = 0;
        for (String key : files) {
            Path local = Files.createTempFile(scratch, "part-", ".parquet");
            Files.delete(local);
            s3.getObject(b -> b.bucket(bucket).key(key), local);
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(local))) {
                rows += reader.getRecordCount();
            }
        }
        return new Rows(files, rows);
    }
}
