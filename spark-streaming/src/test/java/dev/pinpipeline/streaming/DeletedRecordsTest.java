package dev.pinpipeline.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeletedRecordsTest {

    @Test
    void aCheckpointWithinWhatEachPartitionHoldsHasNoGap() {
        assertThat(DeletedRecords.find(Map.of(0, 5L, 1, 0L), Map.of(0, 5L, 1, 0L), Map.of(0, 9L, 1, 0L)))
                .isEmpty();
    }

    @Test
    void aCheckpointBelowTheOldestOffsetLeftCountsTheDeletedRecords() {
        List<DeletedRecords.Gap> gaps =
                DeletedRecords.find(Map.of(0, 223L, 1, 40L), Map.of(0, 500L, 1, 0L), Map.of(0, 900L, 1, 60L));

        assertThat(gaps).containsExactly(new DeletedRecords.Gap(0, 223, 500, 900));
        assertThat(gaps.get(0).describe())
                .isEqualTo(
                        "partition 0: the checkpoint resumes at offset 223, the oldest record left is 500 (277 deleted)");
    }

    @Test
    void aCheckpointBeyondThePartitionsEndMeansTheTopicWasCreatedAgain() {
        List<DeletedRecords.Gap> gaps = DeletedRecords.find(Map.of(0, 120L), Map.of(0, 0L), Map.of(0, 10L));

        assertThat(gaps)
                .singleElement()
                .satisfies(gap -> assertThat(gap.topicRecreated()).isTrue());
        assertThat(DeletedRecords.explain("pins", "/data/checkpoint", gaps))
                .contains("partition 0: the checkpoint resumes at offset 120 but the partition ends at 10")
                .contains("deleted and created again");
    }

    @Test
    void theExplanationSaysWhatToDo() {
        String text = DeletedRecords.explain(
                "PinterestTopic", "/data/checkpoint", List.of(new DeletedRecords.Gap(2, 10, 15, 20)));

        assertThat(text)
                .startsWith("Records of PinterestTopic this job has not read are gone from Kafka: partition 2")
                .contains("retention", "--fail-on-data-loss=false", "--checkpoint", "/data/checkpoint")
                .doesNotContain("\n");
    }

    @Test
    void partitionsAddedSinceTheCheckpointAreNotGaps() {
        assertThat(DeletedRecords.find(Map.of(0, 5L), Map.of(0, 0L, 1, 3L), Map.of(0, 9L, 1, 8L)))
                .isEmpty();
    }
}
