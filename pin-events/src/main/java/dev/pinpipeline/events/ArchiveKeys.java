package dev.pinpipeline.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archive's key layout (docs/events.md §2), under a prefix ({@value #RAW_PREFIX} in the bucket):
 * {@code {prefix}/{topic}/dt=YYYY-MM-DD/hr=HH/{topic}+{partition}+{first offset, 20 digits}.jsonl.gz}, and the day
 * marker {@code {prefix}/{topic}/dt=YYYY-MM-DD/_SUCCESS} (a {@link SuccessManifest}). {@code dt} and {@code hr}
 * are the UTC day and hour of {@code ingested_at}.
 *
 * @param prefix the folder holding one folder per topic, e.g. {@code raw} or {@code s3a://bucket/raw}
 */
public record ArchiveKeys(String prefix) {

    /** The archive's folder in the bucket. */
    public static final String RAW_PREFIX = "raw";

    /** The name of a day's completeness marker. */
    public static final String SUCCESS_MARKER = "_SUCCESS";

    public static final String FILE_SUFFIX = ".jsonl.gz";

    /** The first offset in a file name is zero-padded to this many digits, so that names sort by offset. */
    public static final int OFFSET_DIGITS = 20;

    private static final DateTimeFormatter DAY_AND_HOUR =
            DateTimeFormatter.ofPattern("'dt='uuuu-MM-dd'/hr='HH").withZone(ZoneOffset.UTC);
    private static final Pattern FILE_NAME = Pattern.compile(".*/(.+)\\+(\\d+)\\+(\\d{20})\\.jsonl\\.gz");
    private static final Pattern DAY_DIR = Pattern.compile(".*/dt=(\\d{4}-\\d{2}-\\d{2})/");

    /** The archive in a bucket: {@code raw/…}. */
    public static ArchiveKeys raw() {
        return new ArchiveKeys(RAW_PREFIX);
    }

    /** The key of the file whose first record has {@code firstOffset} and an ingest time in {@code hour}. */
    public String file(String topic, int partition, Instant hour, long firstOffset) {
        return topicDir(topic) + DAY_AND_HOUR.format(hour) + "/" + fileName(topic, partition, firstOffset);
    }

    /** {@code {topic}+{partition}+{first offset, 20 digits}.jsonl.gz} */
    public static String fileName(String topic, int partition, long firstOffset) {
        return topic + "+" + partition + "+" + String.format("%0" + OFFSET_DIGITS + "d", firstOffset) + FILE_SUFFIX;
    }

    /** {@code {prefix}/{topic}/} */
    public String topicDir(String topic) {
        return prefix + "/" + topic + "/";
    }

    /** {@code {prefix}/{topic}/dt=YYYY-MM-DD/} */
    public String dayDir(String topic, LocalDate day) {
        return topicDir(topic) + dayDirName(day) + "/";
    }

    /** {@code {prefix}/{topic}/dt=YYYY-MM-DD/_SUCCESS} */
    public String successMarker(String topic, LocalDate day) {
        return dayDir(topic, day) + SUCCESS_MARKER;
    }

    /** {@code dt=YYYY-MM-DD}: a day's folder in the archive (and in the curated datasets). */
    public static String dayDirName(LocalDate day) {
        return "dt=" + day;
    }

    /** The coordinates in an archive file's key, or empty for any other key. */
    public static Optional<FileName> parseFile(String key) {
        Matcher m = FILE_NAME.matcher(key);
        return m.matches()
                ? Optional.of(new FileName(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))))
                : Optional.empty();
    }

    /** The day of a {@code …/dt=YYYY-MM-DD/} directory, or empty. */
    public static Optional<LocalDate> parseDayDir(String dir) {
        Matcher m = DAY_DIR.matcher(dir);
        return m.matches() ? Optional.of(LocalDate.parse(m.group(1))) : Optional.empty();
    }

    /** What an archive file's name tells: the partition and the offset of its first record. */
    public record FileName(String topic, int partition, long firstOffset) {}
}
