package dev.pinpipeline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The example of docs/events.md §4. */
class DeadLetterTest {

    private static final DeadLetter EXAMPLE = new DeadLetter(
            DeadLetter.Producer.SPARK_STREAMING,
            "not a JSON object",
            "PinterestTopic",
            1,
            17,
            "0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10",
            Instant.parse("2026-11-26T13:45:50.123Z"));

    @Test
    void goesToTheTopicsDlqKeyedByTheSourceCoordinates() {
        assertThat(DeadLetter.topicFor("PinterestTopic")).isEqualTo("PinterestTopic.dlq");
        assertThat(new String(EXAMPLE.key(), StandardCharsets.UTF_8)).isEqualTo("PinterestTopic/1/17");
    }

    @Test
    void carriesTheProducerTheReasonTheSourceCoordinatesAndTheEventsIdAndIngestTime() {
        assertThat(EXAMPLE.headers())
                .extracting(h -> h.name() + "=" + h.value())
                .containsExactly(
                        "dlq.producer=spark-streaming",
                        "dlq.reason=not a JSON object",
                        "dlq.topic=PinterestTopic",
                        "dlq.partition=1",
                        "dlq.offset=17",
                        "event_id=0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10",
                        "ingested_at=2026-11-26T13:45:50.123Z");
    }

    @Test
    void aRecordsHeadersAreReadAsEveryReaderReadsThem() {
        DeadLetter fromHeaders = DeadLetter.of(
                DeadLetter.Producer.BATCH_CONSUMER,
                "empty value",
                "PinterestTopic",
                0,
                42,
                "0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10".getBytes(StandardCharsets.UTF_8),
                "2026-11-26T13:45:50.123Z".getBytes(StandardCharsets.UTF_8),
                7);
        DeadLetter withoutHeaders = DeadLetter.of(
                DeadLetter.Producer.BATCH_CONSUMER,
                "empty value",
                "PinterestTopic",
                0,
                42,
                null,
                "2026-11-26T13:45:50Z".getBytes(StandardCharsets.UTF_8),
                1_795_700_750_123L);
        DeadLetter withoutTime = DeadLetter.of(
                DeadLetter.Producer.BATCH_CONSUMER, "empty value", "PinterestTopic", 0, 42, null, null, -1);

        assertThat(fromHeaders.eventId()).isEqualTo("0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10");
        assertThat(fromHeaders.ingestedAt()).isEqualTo(Instant.parse("2026-11-26T13:45:50.123Z"));
        assertThat(withoutHeaders.eventId()).isEqualTo("c518c75f-cf0c-4d7a-018c-e9b255b24a17");
        assertThat(withoutHeaders.ingestedAt()).isEqualTo(Instant.parse("2026-11-26T13:45:50.123Z"));
        assertThat(withoutTime.headers())
                .extracting(DeadLetter.Header::name)
                .doesNotContain("ingested_at")
                .contains("dlq.producer", "event_id");
        assertThat(withoutTime.headers().get(0).value()).isEqualTo("batch-consumer");
    }

    @Test
    void aTruncatedCopyKeepsTheFirst64KibAndSaysSoWithTheOriginalSize() {
        byte[] value = new byte[1_048_420];
        Arrays.fill(value, (byte) 'x');

        assertThat(DeadLetter.truncatedValue(value)).hasSize(65_536).isEqualTo(Arrays.copyOf(value, 65_536));
        assertThat(EXAMPLE.truncatedHeaders(value))
                .extracting(h -> h.name() + "=" + h.value())
                .startsWith("dlq.producer=spark-streaming")
                .endsWith("dlq.truncated=true", "dlq.original-size=1048420");
    }

    @Test
    void aTruncatedCopyOfASmallValueKeepsItWholeAndSaysItWasNotCut() {
        byte[] value = "{\"a\"".getBytes(StandardCharsets.UTF_8);

        assertThat(DeadLetter.truncatedValue(value)).isSameAs(value);
        assertThat(EXAMPLE.truncatedHeaders(value))
                .extracting(h -> h.name() + "=" + h.value())
                .endsWith("dlq.truncated=false", "dlq.original-size=4");
    }
}
