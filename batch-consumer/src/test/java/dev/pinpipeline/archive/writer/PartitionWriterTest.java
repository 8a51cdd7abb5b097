package dev.pinpipeline.archive.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.archive.gzip.GzipCompression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PartitionWriterTest {

    private static final Instant T0 = Instant.parse("2026-11-26T13:10:00Z");
    private final EventLineEncoder encoder = new EventLineEncoder();
    private final RotationPolicy policy = new RotationPolicy(3, 1_000_000, Duration.ofSeconds(60));
    private Instant now = Instant.parse("2026-11-26T14:00:00Z");

    private PartitionWriter writer(long committed) {
        return new PartitionWriter(
                TestRecords.TOPIC, 0, policy, new ObjectKeys("raw"), GzipCompression.jdk(6), committed, null, now);
    }

    private List<Rollover> feed(PartitionWriter writer, List<ConsumerRecord<byte[], byte[]>> records) {
        List<Rollover> out = new ArrayList<>();
        for (var record : records) {
            try {
                out.addAll(writer.add(encoder.encode(record), now));
            } catch (PoisonRecordException e) {
                writer.skip(record.offset());
            }
        }
        return out;
    }

    private static List<ConsumerRecord<byte[], byte[]>> pins(long from, long to, Instant ingestedAt) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long o = from; o < to; o++) {
            records.add(TestRecords.pin(0, o, ingestedAt.plusMillis(o), TestRecords.value(o)));
        }
        return records;
    }

    static String gunzip(byte[] content) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void closesAFileEveryFlushRecordsAndCommitsPastIt() {
        PartitionWriter writer = writer(0);

        List<Rollover> closed = feed(writer, pins(0, 7, T0));

        assertThat(closed)
                .extracting(r -> r.file().key())
                .containsExactly(
                        "raw/PinterestTopic/dt=2026-11-26/hr=13/PinterestTopic+0+00000000000000000000.jsonl.gz",
                        "raw/PinterestTopic/dt=2026-11-26/hr=13/PinterestTopic+0+00000000000000000003.jsonl.gz");
        assertThat(closed).extracting(Rollover::nextOffset).containsExactly(3L, 6L);
        assertThat(closed.get(0).file().reason()).isEqualTo(RotationReason.COUNT);
        assertThat(gunzip(closed.get(1).file().content()).lines())
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("{\"event_id\":"));
        assertThat(writer.bufferedRecords()).isEqualTo(1);
    }

    @Test
    void closesTheFileAtTheHourBoundaryAndCarriesTheNextRecordsTimeAsWatermark() {
        PartitionWriter writer = writer(0);
        feed(writer, pins(0, 2, T0));

        Instant nextHour = Instant.parse("2026-11-26T14:00:01Z");
        List<Rollover> closed = feed(writer, List.of(TestRecords.pin(0, 2, nextHour, TestRecords.value(2))));

        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).file().reason()).isEqualTo(RotationReason.HOUR);
        assertThat(closed.get(0).file().records()).isEqualTo(2);
        assertThat(closed.get(0).nextOffset()).isEqualTo(2);
        assertThat(closed.get(0).watermark()).isEqualTo(nextHour);
    }

    @Test
    void aRebuildAfterARewindGivesTheSameKeysAndTheSameBytes() {
        var records = pins(0, 20, T0);
        records.set(4, TestRecords.pin(0, 4, T0, "not json"));
        records.set(9, TestRecords.pin(0, 9, T0.plusSeconds(3600), TestRecords.value(9)));
        List<Rollover> uninterrupted = feed(writer(0), records);

        PartitionWriter crashed = writer(0);
        List<Rollover> first = feed(crashed, records.subList(0, 13));
        crashed.committed(first.get(0)); // only the first file made it
        long resumeAt = crashed.rewind();
        List<Rollover> rebuilt = new ArrayList<>(first.subList(0, 1));
        rebuilt.addAll(feed(crashed, records.subList((int) resumeAt, records.size())));

        assertThat(rebuilt)
                .extracting(r -> r.file().key())
                .containsExactlyElementsOf(
                        uninterrupted.stream().map(r -> r.file().key()).toList());
        for (int i = 0; i < rebuilt.size(); i++) {
            assertThat(rebuilt.get(i).file().content())
                    .isEqualTo(uninterrupted.get(i).file().content());
            assertThat(rebuilt.get(i).nextOffset())
                    .isEqualTo(uninterrupted.get(i).nextOffset());
        }
    }

    @Test
    void aDeadLetteredRecordIsCoveredByTheCommitButNotInTheFile() {
        PartitionWriter writer = writer(0);
        var records = pins(0, 4, T0);
        records.set(0, TestRecords.pin(0, 0, T0, "[]"));

        List<Rollover> closed = feed(writer, records);

        assertThat(closed).singleElement().satisfies(r -> {
            assertThat(r.file().firstOffset()).isEqualTo(1);
            assertThat(r.file().key()).endsWith("+00000000000000000001.jsonl.gz");
            assertThat(r.nextOffset()).isEqualTo(4);
        });
    }

    @Test
    void flushesAQuietPartitionAfterTheIdleTimeOnly() {
        PartitionWriter writer = writer(0);
        feed(writer, pins(0, 2, T0));

        assertThat(writer.flushIfIdle(now.plusSeconds(59), true)).isEmpty();
        Rollover idle = writer.flushIfIdle(now.plusSeconds(60), true).orElseThrow();

        assertThat(idle.file().reason()).isEqualTo(RotationReason.IDLE);
        assertThat(idle.file().records()).isEqualTo(2);
        assertThat(idle.nextOffset()).isEqualTo(2);
        assertThat(writer.flushIfIdle(now.plusSeconds(120), true)).isEmpty();
    }

    @Test
    void doesNotFlushWhileKafkaHoldsMoreOfThePartition() {
        PartitionWriter writer = writer(0);
        feed(writer, pins(0, 2, T0));

        assertThat(writer.flushIfIdle(now.plusSeconds(600), false)).isEmpty();
    }

    @Test
    void timeTheLoopWasHeldUpDoesNotCountAsQuiet() {
        PartitionWriter writer = writer(0);
        feed(writer, pins(0, 2, T0));

        writer.quietOnlySince(now.plusSeconds(55));

        assertThat(writer.flushIfIdle(now.plusSeconds(60), true)).isEmpty();
        assertThat(writer.flushIfIdle(now.plusSeconds(115), true)).isPresent();
    }

    @Test
    void anIdleFlushOfOnlyDeadLetteredRecordsCommitsWithoutAFile() {
        PartitionWriter writer = writer(5);
        feed(writer, List.of(TestRecords.pin(0, 5, T0, "oops")));

        Rollover idle = writer.flushIfIdle(now.plusSeconds(60), true).orElseThrow();

        assertThat(idle.file()).isNull();
        assertThat(idle.nextOffset()).isEqualTo(6);
    }

    @Test
    void deadLetteredRecordsWithNoFileOpenAreCommittedRightAway() {
        PartitionWriter writer = writer(5);
        feed(writer, List.of(TestRecords.pin(0, 5, T0, "oops"), TestRecords.pin(0, 6, T0, "[]")));

        Rollover skipped = writer.commitSkipped().orElseThrow();

        assertThat(skipped.file()).isNull();
        assertThat(skipped.nextOffset()).isEqualTo(7);
        assertThat(writer.commitSkipped()).isEmpty();
    }

    @Test
    void deadLetteredRecordsBehindAnOpenFileWaitForItsCommit() {
        PartitionWriter writer = writer(0);
        feed(writer, pins(0, 2, T0));
        feed(writer, List.of(TestRecords.pin(0, 2, T0, "oops")));

        assertThat(writer.commitSkipped()).isEmpty();
        assertThat(feed(writer, pins(3, 4, T0))).singleElement().satisfies(file -> {
            assertThat(file.file().records()).isEqualTo(3);
            assertThat(file.nextOffset()).isEqualTo(4);
        });
    }

    @Test
    void aRebuildFromACommitPastDeadLetteredRecordsGivesTheSameKeysAndBytes() {
        var records = pins(0, 10, T0);
        records.set(3, TestRecords.pin(0, 3, T0, "oops"));
        records.set(4, TestRecords.pin(0, 4, T0, "oops"));
        List<Rollover> uninterrupted = feed(writer(0), records);

        PartitionWriter crashed = writer(0);
        Rollover first = feed(crashed, records.subList(0, 5)).get(0);
        crashed.committed(first);
        crashed.committed(crashed.commitSkipped().orElseThrow());
        long resumeAt = crashed.rewind();
        List<Rollover> rebuilt = new ArrayList<>(List.of(first));
        rebuilt.addAll(feed(crashed, records.subList((int) resumeAt, records.size())));

        assertThat(resumeAt).isEqualTo(5);
        assertThat(rebuilt)
                .extracting(r -> r.file().key())
                .containsExactlyElementsOf(
                        uninterrupted.stream().map(r -> r.file().key()).toList());
        for (int i = 0; i < rebuilt.size(); i++) {
            assertThat(rebuilt.get(i).file().content())
                    .isEqualTo(uninterrupted.get(i).file().content());
        }
    }

    @Test
    void aTrickleOfDeadLetteredRecordsDoesNotKeepAPartitionFromBeingQuiet() {
        PartitionWriter writer = writer(0);
        for (int i = 0; i < 4; i++) {
            now = now.plusSeconds(20);
            feed(writer, List.of(TestRecords.pin(0, i, T0, "oops")));
            writer.committed(writer.commitSkipped().orElseThrow());
        }

        Rollover advanced = writer.advanceIdleWatermark(now, true).orElseThrow();

        assertThat(advanced.nextOffset()).isEqualTo(4);
        assertThat(advanced.watermark()).isEqualTo(now);
    }

    @Test
    void aQuietCaughtUpPartitionMovesItsWatermarkToNow() {
        PartitionWriter writer = writer(0);

        assertThat(writer.advanceIdleWatermark(now.plusSeconds(60), false)).isEmpty();
        assertThat(writer.advanceIdleWatermark(now.plusSeconds(59), true)).isEmpty();
        Rollover advanced =
                writer.advanceIdleWatermark(now.plusSeconds(60), true).orElseThrow();

        assertThat(advanced.file()).isNull();
        assertThat(advanced.nextOffset()).isZero();
        assertThat(advanced.watermark()).isEqualTo(now.plusSeconds(60));
    }

    @Test
    void aPartitionWithBufferedRecordsDoesNotMoveItsWatermarkWhenIdle() {
        PartitionWriter writer = writer(0);
        feed(writer, pins(0, 1, T0));

        assertThat(writer.advanceIdleWatermark(now.plusSeconds(600), true)).isEmpty();
    }
}
