package dev.pinpipeline.archive.writer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archive layout (docs/events.md §2):
 * {@code {prefix}/{topic}/dt=YYYY-MM-DD/hr=HH/{topic}+{partition}+{first offset, 20 digits}.jsonl.gz}
 * and the day marker {@code {prefix}/{topic}/dt=YYYY-MM-DD/_SUCCESS}.
 */
public record ObjectKeys(String prefix) {

    private static final DateTimeFormatter DAY_AND_HOUR =
            DateTimeFormatter.ofPattern("'dt='uuuu-MM-dd'/hr='HH").withZone(ZoneOffset.UTC);
    private static final Pattern FILE_NAME = Pattern.compile(".*/(.+)\\+(\\d+)\\+(\\d{20})\\.jsonl\\.gz");
    private static final Pattern DAY_DIR = Pattern.compile(".*/dt=(\\d{4}-\\d{2}-\\d{2})/");

    public String file(String topic, int partition, Instant hour, long firstOffset) {
        return topicDir(topic) + DAY_AND_HOUR.format(hour) + "/"
                + topic + "+" + partition + "+" + String.format("%020d", firstOffset) + ".jsonl.gz";
    }

    public String topicDir(String topic) {
        return prefix + "/" + topic + "/";
    }

    public String dayDir(String topic, LocalDate day) {
        return topicDir(topic) + "dt=" + day + "/";
    }

    public String successMarker(String topic, LocalDate day) {
        return dayDir(topic, day) + "_SUCCESS";
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

    public record FileName(String topic, int partition, long firstOffset) {
    }
}
