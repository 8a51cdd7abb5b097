package dev.pinpipeline.archive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.events.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A poison record never blocks its partition (issue 3 §5). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PoisonRecordsIT extends ArchiveItSupport {

    @Test
    void aPoisonRecordTooLargeForTheDeadLetterTopicIsSentTruncatedAndItsPartitionGoesOn() throws Exception {
        for (int i = 0; i < 20; i++) {
            events.send(Instant.now(), 0);
        }
        // fits the source topic (1 MiB), but not once the dead-letter headers are added
        byte[] poison = new byte[1024 * 1024 - 120];
        Arrays.fill(poison, (byte) 'x');
        events.sendPoison(0, poison);
        for (int i = 0; i < 20; i++) {
            events.send(Instant.now(), 0);
        }
        events.flush();
        int n = events.produced().size();

        try (ArchiverProcess archiver =
                startArchiver("big-poison", settings("big-poison", "raw")).awaitStarted()) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> archive.lines(topicPrefix("raw")).size() >= n);
            assertExactlyOnce(archive.lines(topicPrefix("raw")));

            List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(topic + ".dlq", 1);
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(Arrays.copyOf(poison, 64 * 1024));
                assertThat(header(record, DeadLetter.TRUNCATED)).isEqualTo("true");
                assertThat(header(record, DeadLetter.ORIGINAL_SIZE)).isEqualTo(Integer.toString(poison.length));
                assertThat(header(record, DeadLetter.SOURCE_TOPIC)).isEqualTo(topic);
                assertThat(header(record, DeadLetter.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(header(record, DeadLetter.SOURCE_OFFSET)).isEqualTo("20");
                assertThat(header(record, DeadLetter.REASON))
                        .startsWith("value is not valid JSON")
                        .hasSizeLessThan(200);
            });
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> archiver.get("/actuator/prometheus")
                            .contains("archive_records_dead_lettered_truncated_total{topic=\"" + topic + "\"} 1.0"));
            assertThat(archiver.get("/actuator/health")).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void aPartitionReceivingOnlyPoisonRecordsCommitsPastThemAndMovesItsWatermarkWhileTheyKeepComing() throws Exception {
        TopicPartition poisonOnly = new TopicPartition(topic, 2);
        try (ArchiverProcess archiver = startArchiver("poison-only", settings("poison-only", "raw"))
                        .awaitStarted();
                Admin admin =
                        Admin.create(Map.of("bootstrap.servers", infra.kafka().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> archiver.assignedPartitions() == partitions());
            Instant started = Instant.now();

            // one poison record a second: the partition is never quiet for the idle flush (4 s)
            int sent = 0;
            OffsetAndMetadata committed = null;
            while (sent < 30 && !(sent >= 6 && pastAllButTheLast(committed, sent) && hasWatermark(committed))) {
                events.sendPoison(poisonOnly.partition(), "not json " + sent);
                events.flush();
                sent++;
                Thread.sleep(1000);
                committed = admin.listConsumerGroupOffsets("poison-only")
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(poisonOnly);
            }

            assertThat(committed)
                    .as("committed offset of the poison-only partition")
                    .isNotNull();
            assertThat(committed.offset()).isGreaterThanOrEqualTo(sent - 1L);
            assertThat(watermark(committed)).isAfter(started);
        }
    }

    private static boolean pastAllButTheLast(OffsetAndMetadata committed, int sent) {
        return committed != null && committed.offset() >= sent - 1;
    }

    private static boolean hasWatermark(OffsetAndMetadata committed) {
        return committed != null && watermark(committed) != null;
    }

    /** The watermark in the commit's metadata ({@code watermark=<instant>}; main classes are not on the IT's class path). */
    private static Instant watermark(OffsetAndMetadata committed) {
        String metadata = committed.metadata();
        return metadata.startsWith("watermark=") ? Instant.parse(metadata.substring("watermark=".length())) : null;
    }
}
