package dev.pinpipeline.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointOffsetsTest {

    /** An offsets entry as Spark 4.1 writes it: version, batch metadata, one line per source. */
    private static final String ENTRY = """
            v1
            {"batchWatermarkMs":0,"batchTimestampMs":1764151200000,"conf":{"spark.sql.shuffle.partitions":"2"}}
            {"pins":{"1":289,"0":223}}""";

    @TempDir
    Path checkpoint;

    @Test
    void readsTheTopicsOffsetsFromAnEntry() throws Exception {
        assertThat(CheckpointOffsets.parseOffsetsEntry(ENTRY, "pins")).isEqualTo(Map.of(0, 223L, 1, 289L));
        assertThat(CheckpointOffsets.parseOffsetsEntry(ENTRY, "other")).isEmpty();
    }

    @Test
    void leavesOutEarliestAndLatestMarkers() throws Exception {
        String entry = "v1\n{}\n{\"pins\":{\"0\":-2,\"1\":-1,\"2\":7}}";

        assertThat(CheckpointOffsets.parseOffsetsEntry(entry, "pins")).isEqualTo(Map.of(2, 7L));
    }

    @Test
    void resumesFromTheLastCommittedBatchNotOneOnlyPlanned() throws Exception {
        write("offsets/0", "v1\n{}\n{\"pins\":{\"0\":10}}");
        write("offsets/1", "v1\n{}\n{\"pins\":{\"0\":20}}");
        write("offsets/2", "v1\n{}\n{\"pins\":{\"0\":30}}");
        write("offsets/.3.0d1e.tmp", "v1\n");
        write("commits/0", "v1\n{}");
        write("commits/1", "v1\n{}");

        assertThat(CheckpointOffsets.resumeOffsets(checkpoint.toString(), "pins", new Configuration()))
                .isEqualTo(Map.of(0, 20L));
    }

    @Test
    void aCheckpointWithoutCommitsResumesNowhereYet() throws Exception {
        write("offsets/0", "v1\n{}\n{\"pins\":{\"0\":10}}");

        assertThat(CheckpointOffsets.resumeOffsets(checkpoint.toString(), "pins", new Configuration()))
                .isEmpty();
        assertThat(CheckpointOffsets.resumeOffsets(
                        checkpoint.resolve("missing").toString(), "pins", new Configuration()))
                .isEmpty();
    }

    private void write(String name, String content) throws Exception {
        Path file = checkpoint.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
