package dev.pinpipeline.streaming.lag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How far a query is behind one Kafka partition: the partition's end offset when the batch was planned, less the next
 * offset the query reads. Computed from a progress report's Kafka source offsets, JSON such as
 * {@code {"PinterestTopic":{"0":1520,"1":1498}}} for both.
 */
record PartitionLag(String topic, int partition, long nextOffset, long latestOffset) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public long offsetsBehind() {
        return Math.max(0, latestOffset - nextOffset);
    }

    /** One lag per partition present in both offsets; empty when either is missing or not Kafka's form. */
    public static List<PartitionLag> of(String endOffsetJson, String latestOffsetJson) {
        List<PartitionLag> lags = new ArrayList<>();
        JsonNode end = read(endOffsetJson);
        JsonNode latest = read(latestOffsetJson);
        if (end == null || latest == null) {
            return lags;
        }
        for (Iterator<Map.Entry<String, JsonNode>> topics = end.fields(); topics.hasNext(); ) {
            Map.Entry<String, JsonNode> topic = topics.next();
            JsonNode latestOfTopic = latest.get(topic.getKey());
            if (latestOfTopic == null || !topic.getValue().isObject()) {
                continue;
            }
            topic.getValue().fields().forEachRemaining(partition -> {
                JsonNode latestOffset = latestOfTopic.get(partition.getKey());
                if (latestOffset != null
                        && latestOffset.canConvertToLong()
                        && partition.getValue().canConvertToLong()
                        && partition.getValue().asLong() >= 0) {
                    lags.add(new PartitionLag(
                            topic.getKey(),
                            Integer.parseInt(partition.getKey()),
                            partition.getValue().asLong(),
                            latestOffset.asLong()));
                }
            });
        }
        return lags;
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node.isObject() ? node : null;
        } catch (Exception notKafkaOffsets) {
            return null;
        }
    }
}
