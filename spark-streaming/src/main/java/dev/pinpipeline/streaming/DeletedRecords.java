package dev.pinpipeline.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records a restarted query can no longer read: its checkpoint resumes a partition below the oldest offset Kafka
 * still holds (retention deleted them), or beyond the partition's end (the topic was deleted and created again).
 */
final class DeletedRecords {

    /** One partition the checkpoint cannot resume as it is. */
    record Gap(int partition, long resumeAt, long earliest, long end) {

        boolean topicRecreated() {
            return resumeAt > end;
        }

        String describe() {
            return topicRecreated()
                    ? "partition %d: the checkpoint resumes at offset %,d but the partition ends at %,d"
                            .formatted(partition, resumeAt, end)
                    : "partition %d: the checkpoint resumes at offset %,d, the oldest record left is %,d (%,d deleted)"
                            .formatted(partition, resumeAt, earliest, earliest - resumeAt);
        }
    }

    private DeletedRecords() {}

    /** The gaps between where the checkpoint resumes and what each partition holds now (earliest to end offset). */
    static List<Gap> find(Map<Integer, Long> resumeAt, Map<Integer, Long> earliest, Map<Integer, Long> end) {
        List<Gap> gaps = new ArrayList<>();
        resumeAt.forEach((partition, offset) -> {
            Long first = earliest.get(partition);
            Long last = end.get(partition);
            if (first != null && last != null && (offset < first || offset > last)) {
                gaps.add(new Gap(partition, offset, first, last));
            }
        });
        return gaps;
    }

    /** What happened and what to do, for an operator: one paragraph, no stack trace. */
    static String explain(String topic, String checkpoint, List<Gap> gaps) {
        boolean recreated = gaps.stream().anyMatch(Gap::topicRecreated);
        String cause = recreated
                ? "the topic holds fewer records than the checkpoint has read: it was deleted and created again"
                : "Kafka deleted them before this job read them (retention by time or size, or records deleted by hand)";
        return "Records of " + topic + " this job has not read are gone from Kafka: "
                + gaps.stream().map(Gap::describe).collect(Collectors.joining("; ")) + ". Cause: " + cause
                + ". They are not in PostgreSQL; the S3 archive still has what batch-consumer archived, and the daily"
                + " batch reads it. To go on: restart with --fail-on-data-loss=false to skip the gap, or with a new"
                + " --checkpoint (an empty directory; currently " + checkpoint + ") to re-read all the topic holds.";
    }
}
