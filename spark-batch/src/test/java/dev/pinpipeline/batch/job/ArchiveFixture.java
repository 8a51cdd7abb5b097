package dev.pinpipeline.batch.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Writes a day of the raw archive exactly as batch-consumer does (docs/events.md §2): gzip JSON lines under
 * {@code raw/{topic}/dt=D/hr=HH/{topic}+{partition}+{first offset, 20 digits}.jsonl.gz}, the pin copied verbatim,
 * and the day's {@code _SUCCESS} marker.
 */
final class ArchiveFixture implements AutoCloseable {

    static final String TOPIC = "PinterestTopic";
    private static final DateTimeFormatter INGESTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** One archived event, as the test expects it back. */
    record Event(String eventId, Instant ingestedAt, int partition, long offset, String pin) {

        String line() {
            return "{\"event_id\":\"" + eventId + "\",\"ingested_at\":\"" + INGESTED_AT.format(ingestedAt)
                    + "\",\"topic\":\"" + TOPIC + "\",\"partition\":" + partition + ",\"offset\":" + offset
                    + ",\"pin\":" + pin + "}";
        }
    }

    private final S3Client s3;
    private final String bucket;

    ArchiveFixture(String endpoint, String accessKey, String secretKey, String bucket) {
        this.bucket = bucket;
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        try {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // a previous test class created it
        }
    }

    /**
     * Events for {@code pins} on {@code day}: spread over 2 partitions, one minute apart from 00:00 UTC, with
     * increasing offsets per partition starting at {@code firstOffset}.
     */
    static List<Event> eventsOf(List<String> pins, LocalDate day, long firstOffset) {
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < pins.size(); i++) {
            events.add(new Event(
                    UUID.nameUUIDFromBytes((day + "/" + i).getBytes(StandardCharsets.UTF_8))
                            .toString(),
                    midnight.plus(i, ChronoUnit.MINUTES).plusMillis(i % 1000),
                    i % 2,
                    firstOffset + i / 2,
                    pins.get(i)));
        }
        return events;
    }

    /** Writes the events as archive files, one per partition and hour, plus {@code extraLines} in a last file. */
    void writeDay(LocalDate day, List<Event> events, List<String> extraLines) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        Map<String, Long> firstOffsets = new LinkedHashMap<>();
        for (Event event : events) {
            String hour = String.format(
                    "%02d", event.ingestedAt().atZone(ZoneOffset.UTC).getHour());
            String file = "hr=" + hour + "/" + event.partition();
            files.computeIfAbsent(file, f -> new ArrayList<>()).add(event.line());
            firstOffsets.putIfAbsent(file, event.offset());
        }
        files.forEach((file, lines) -> {
            String[] parts = file.split("/");
            put(
                    dayPrefix(day) + parts[0] + "/" + TOPIC + "+" + parts[1] + "+"
                            + String.format("%020d", firstOffsets.get(file)) + ".jsonl.gz",
                    gzip(lines));
        });
        if (!extraLines.isEmpty()) {
            put(dayPrefix(day) + "hr=23/" + TOPIC + "+9+" + String.format("%020d", 0) + ".jsonl.gz", gzip(extraLines));
        }
    }

    void markComplete(LocalDate day) {
        put(dayPrefix(day) + "_SUCCESS", ("{\"date\":\"" + day + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    String archiveRoot() {
        return "s3a://" + bucket + "/raw/" + TOPIC;
    }

    private String dayPrefix(LocalDate day) {
        return "raw/" + TOPIC + "/dt=" + day + "/";
    }

    private void put(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    /**
     * Each line as its own gzip member: batch-consumer's files are series of members (RFC 1952 §2.2; libdeflate
     * writes one per 256 KiB), so the job must read every member of a file, not only the first.
     */
    private static byte[] gzip(List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            for (String line : lines) {
                try (GZIPOutputStream gzip = new GZIPOutputStream(bytes) {
                    @Override
                    public void close() throws IOException {
                        finish(); // ends the member, leaves the shared byte stream open for the next one
                    }
                }) {
                    gzip.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<String> realPins(String file) {
        try {
            return Files.readAllLines(Path.of("../data/real-pins", file), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
