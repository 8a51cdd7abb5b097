package dev.pinpipeline.local.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingCheckpointTest {

    @TempDir
    Path dataDir;

    @Test
    void eachTopicHasACheckpointOfItsOwn() {
        Path first = StreamingCheckpoint.of(dataDir, "PinterestTopic");
        Path second = StreamingCheckpoint.of(dataDir, "OtherTopic");

        assertThat(first).isEqualTo(dataDir.resolve("spark/streaming-checkpoint/PinterestTopic"));
        assertThat(second).isEqualTo(dataDir.resolve("spark/streaming-checkpoint/OtherTopic"));
    }

    @Test
    void theSingleCheckpointOfAnEarlierDataDirMovesToTheTopicItsOffsetsName() throws Exception {
        Path old = dataDir.resolve("spark/streaming-checkpoint");
        Files.createDirectories(old.resolve("offsets"));
        Files.writeString(old.resolve("metadata"), "{\"id\":\"5f1c\"}\n");
        Files.writeString(
                old.resolve("offsets/0"),
                "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1}\n{\"Older\":{\"0\":1}}\n");
        Files.writeString(
                old.resolve("offsets/12"),
                "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":2}\n" + "{\"PinterestTopic\":{\"1\":40,\"0\":37}}\n");
        Files.writeString(
                old.resolve("offsets/9"),
                "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":3}\n{\"Older\":{\"0\":1}}\n");

        Path other = StreamingCheckpoint.of(dataDir, "OtherTopic");
        Path moved = StreamingCheckpoint.of(dataDir, "PinterestTopic");

        assertThat(other).doesNotExist();
        assertThat(moved.resolve("metadata")).hasContent("{\"id\":\"5f1c\"}");
        assertThat(moved.resolve("offsets/12")).exists();
        assertThat(old.resolve("metadata")).doesNotExist();
    }

    @Test
    void aCheckpointThatReadNothingYetStaysWhereItIs() throws Exception {
        Path old = dataDir.resolve("spark/streaming-checkpoint");
        Files.createDirectories(old);
        Files.writeString(old.resolve("metadata"), "{\"id\":\"5f1c\"}\n");

        assertThat(StreamingCheckpoint.of(dataDir, "PinterestTopic")).isEqualTo(old.resolve("PinterestTopic"));
        assertThat(old.resolve("metadata")).exists();
    }
}
