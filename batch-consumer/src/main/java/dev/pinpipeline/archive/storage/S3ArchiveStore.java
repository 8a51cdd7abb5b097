package dev.pinpipeline.archive.storage;

import dev.pinpipeline.archive.writer.ArchiveFile;
import dev.pinpipeline.archive.writer.ObjectKeys;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archive's I/O. A put returns once S3 has stored the object and checked it against its Content-MD5, which is
 * what "durably written" means before an offset is committed. Failures surface as the SDK's {@code SdkException}.
 */
public class S3ArchiveStore {

    private static final Logger log = LoggerFactory.getLogger(S3ArchiveStore.class);
    static final String FIRST_OFFSET = "first-offset";
    static final String LAST_OFFSET = "last-offset";
    static final String RECORDS = "records";

    private final S3Client s3;
    private final String bucket;

    public S3ArchiveStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /**
     * Whether the same request may succeed later: S3 did not answer (connection refused, a timeout), was busy
     * (throttling) or failed on its side (5xx). Anything else (access denied, a wrong region) is a configuration
     * to fix.
     */
    public static boolean isRetriable(SdkException e) {
        return e instanceof SdkClientException
                || e instanceof SdkServiceException service
                        && (service.statusCode() >= 500 || service.isThrottlingException());
    }

    /** Checks the bucket is there, and creates it when allowed. */
    public void ensureBucket(boolean create) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            if (!create) {
                throw new IllegalStateException(
                        "bucket " + bucket + " does not exist (archive.s3.create-bucket=false)");
            }
            createBucket();
        } catch (S3Exception e) {
            if (e.statusCode() != 404 || !create) {
                throw e;
            }
            createBucket();
        }
    }

    /** Creates the bucket; another instance starting at the same moment may have created it first, which is fine. */
    void createBucket() {
        try {
            s3.createBucket(b -> b.bucket(bucket));
            log.info("Created bucket {}", bucket);
        } catch (BucketAlreadyOwnedByYouException e) {
            log.info("Bucket {} was created by another instance meanwhile", bucket);
        }
    }

    public void put(ArchiveFile file) {
        s3.putObject(
                p -> p.bucket(bucket)
                        .key(file.key())
                        .contentType("application/gzip")
                        .contentMD5(md5(file.content()))
                        .metadata(Map.of(
                                FIRST_OFFSET, Long.toString(file.firstOffset()),
                                LAST_OFFSET, Long.toString(file.lastOffset()),
                                RECORDS, Integer.toString(file.records()))),
                RequestBody.fromBytes(file.content()));
    }

    public void putJson(String key, byte[] json) {
        s3.putObject(
                p -> p.bucket(bucket).key(key).contentType("application/json").contentMD5(md5(json)),
                RequestBody.fromBytes(json));
    }

    public boolean exists(String key) {
        try {
            s3.headObject(h -> h.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The {@code dt=…/} directories under a topic directory. */
    public List<String> dayDirs(String topicDir) {
        List<String> dirs = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(topicDir)
                .delimiter("/")
                .build();
        for (var page : s3.listObjectsV2Paginator(request)) {
            page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(dirs::add);
        }
        return dirs;
    }

    /** The archive files under a day directory, with the offsets and counts stored in their metadata. */
    public List<StoredFile> files(String dayDir) {
        List<StoredFile> files = new ArrayList<>();
        ListObjectsV2Request request =
                ListObjectsV2Request.builder().bucket(bucket).prefix(dayDir).build();
        for (var page : s3.listObjectsV2Paginator(request)) {
            for (S3Object object : page.contents()) {
                ObjectKeys.parseFile(object.key()).ifPresent(name -> {
                    HeadObjectResponse head =
                            s3.headObject(h -> h.bucket(bucket).key(object.key()));
                    Map<String, String> meta = head.metadata();
                    files.add(new StoredFile(
                            object.key(),
                            object.size(),
                            name.partition(),
                            name.firstOffset(),
                            Long.parseLong(meta.getOrDefault(LAST_OFFSET, "-1")),
                            Long.parseLong(meta.getOrDefault(RECORDS, "-1"))));
                });
            }
        }
        return files;
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
