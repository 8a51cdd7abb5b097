package dev.pinpipeline.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a query restarted from its checkpoint resumes reading the topic: the end offsets of its last committed batch
 * (the {@code offsets/N} entry whose {@code commits/N} exists; a batch planned but not committed is run again from
 * the batch before it). Read from Spark's checkpoint files (a version line, a metadata line, one JSON line per
 * source), which a directory or an {@code s3a://} location holds alike.
 */
final class CheckpointOffsets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointOffsets() {}

    /** Partition → first offset the restarted query reads; empty when nothing was committed yet. */
    static Map<Integer, Long> resumeOffsets(String checkpoint, String topic, Configuration hadoopConf)
            throws IOException {
        Path root = new Path(checkpoint);
        FileSystem fs = root.getFileSystem(hadoopConf);
        OptionalLong committed = latestBatch(fs, new Path(root, "commits"));
        if (committed.isEmpty()) {
            return Map.of();
        }
        Path entry = new Path(new Path(root, "offsets"), Long.toString(committed.getAsLong()));
        if (!fs.exists(entry)) {
            return Map.of();
        }
        try (InputStream in = fs.open(entry)) {
            return parseOffsetsEntry(new String(in.readAllBytes(), StandardCharsets.UTF_8), topic);
        }
    }

    /** The topic's offsets in one {@code offsets/N} entry; negative ones (-2 earliest, -1 latest) are left out. */
    static Map<Integer, Long> parseOffsetsEntry(String content, String topic) throws IOException {
        Map<Integer, Long> offsets = new TreeMap<>();
        String[] lines = content.split("\n");
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i].trim();
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode partitions = JSON.readTree(line).get(topic);
            if (partitions == null) {
                continue;
            }
            partitions.fields().forEachRemaining(field -> {
                long offset = field.getValue().asLong();
                if (offset >= 0) {
                    offsets.put(Integer.parseInt(field.getKey()), offset);
                }
            });
        }
        return offsets;
    }

    private static OptionalLong latestBatch(FileSystem fs, Path log) throws IOException {
        if (!fs.exists(log)) {
            return OptionalLong.empty();
        }
        OptionalLong latest = OptionalLong.empty();
        for (FileStatus file : fs.listStatus(log)) {
            String name = file.getPath().getName();
            if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
                long batch = Long.parseLong(name);
                if (latest.isEmpty() || batch > latest.getAsLong()) {
                    latest = OptionalLong.of(batch);
                }
            }
        }
        return latest;
    }
}
