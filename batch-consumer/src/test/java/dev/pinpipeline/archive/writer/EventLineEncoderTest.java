package dev.pinpipeline.archive.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventLineEncoderTest {

    private final EventLineEncoder encoder = new EventLineEncoder();

    private static String line(EventLine line) {
        return new String(line.prefix(), StandardCharsets.UTF_8) + new String(line.pin(), StandardCharsets.UTF_8)
                + "}\n";
    }

    @Test
    void writesTheEventsMdLineWithThePinVerbatim() {
        String value =
                "{\"index\": \"12\", \"unique_id\": \"fbe53c66-3442-4773-b19e-d3ec6f54dddf\", \"title\": \"caf\u00e9 \u2026\u00a0\"}";
        var record = TestRecords.pin(3, 42, Instant.parse("2026-11-26T13:45:50.123Z"), value);

        EventLine line = encoder.encode(record);

        assertThat(line(line))
                .isEqualTo("{\"event_id\":\"00000000-0000-4000-8000-000000000042\","
                        + "\"ingested_at\":\"2026-11-26T13:45:50.123Z\",\"topic\":\"PinterestTopic\",\"partition\":3,"
                        + "\"offset\":42,\"pin\":" + value + "}\n");
        assertThat(line.pin()).isEqualTo(record.value());
        assertThat(line.size()).isEqualTo(line(line).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void writesIngestedAtWithMillisecondsEvenWhenTheyAreZero() {
        var record = TestRecords.pin(0, 1, Instant.parse("2026-11-26T13:00:00Z"), TestRecords.value(1));

        assertThat(line(encoder.encode(record))).contains("\"ingested_at\":\"2026-11-26T13:00:00.000Z\"");
    }

    @Test
    void derivesEventIdAndIngestedAtForARecordWithoutHeaders() {
        var record = TestRecords.record(0, 7, 1_764_164_750_123L, TestRecords.value(7), new RecordHeaders());

        EventLine line = encoder.encode(record);

        assertThat(line.ingestedAt()).isEqualTo(Instant.ofEpochMilli(1_764_164_750_123L));
        assertThat(line(line))
                .contains("\"event_id\":\"" + EventLineEncoder.derivedEventId("PinterestTopic", 0, 7) + "\"");
    }

    @Test
    void anIngestedAtHeaderNotInIngestApisFormCountsAsMissing() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ingested_at", "2026-11-26T15:45:50.123+02:00".getBytes(StandardCharsets.UTF_8));
        var record = TestRecords.record(0, 7, 1_764_164_750_999L, TestRecords.value(7), headers);

        EventLine line = encoder.encode(record);

        assertThat(line.ingestedAt())
                .as("the record timestamp, as spark-streaming reads it")
                .isEqualTo(Instant.ofEpochMilli(1_764_164_750_999L));
    }

    @Test
    void derivedEventIdIsTheMd5OfTheCoordinatesAsAUuid() {
        // md5("PinterestTopic/0/7"), computed independently with md5sum
        assertThat(EventLineEncoder.derivedEventId("PinterestTopic", 0, 7))
                .isEqualTo("772a0146-a948-51d1-92ba-ad783147524a");
    }

    @Test
    void keepsALineBreakInsideTheObjectOffTheLine() {
        var record =
                TestRecords.pin(0, 1, Instant.parse("2026-11-26T13:00:00Z"), "{\"index\":1,\r\n\"category\":\"art\"}");

        assertThat(new String(encoder.encode(record).pin(), StandardCharsets.UTF_8))
                .isEqualTo("{\"index\":1,  \"category\":\"art\"}");
    }

    @Test
    void replacesALoneCarriageReturnAndATrailingLineFeedToo() {
        var record = TestRecords.pin(0, 1, Instant.parse("2026-11-26T13:00:00Z"), "{\"index\":1,\r\"tags\":[1,\n2]}\n");

        assertThat(new String(encoder.encode(record).pin(), StandardCharsets.UTF_8))
                .isEqualTo("{\"index\":1, \"tags\":[1, 2]} ");
    }

    @Test
    void acceptsWhiteSpaceAroundTheObject() {
        var record = TestRecords.pin(0, 1, Instant.parse("2026-11-26T13:00:00Z"), " \t{\"index\":1} ");

        assertThat(encoder.encode(record).pin()).isSameAs(record.value());
    }

    @Test
    void leavesAValueWithoutLineBreaksAsTheSameArray() {
        var record = TestRecords.pin(0, 1, Instant.parse("2026-11-26T13:00:00Z"), TestRecords.value(1));

        assertThat(encoder.encode(record).pin()).isSameAs(record.value());
    }

    @Nested
    class PoisonRecords {

        @Test
        void rejectsARawLineBreakInsideAString() {
            assertReason("{\"title\":\"two\nlines\"}", "value is not valid JSON");
        }

        @Test
        void rejectsTextThatIsNotJson() {
            assertReason("not json at all", "value is not valid JSON");
        }

        @Test
        void rejectsJsonThatIsNotAnObject() {
            assertReason("[1,2]", "value is a JSON array, not an object");
            assertReason("\"text\"", "value is a JSON string, not an object");
        }

        @Test
        void rejectsATruncatedObject() {
            assertReason("{\"index\":1,", "value is not valid JSON");
        }

        @Test
        void rejectsContentAfterTheObject() {
            assertReason("{\"index\":1} {\"index\":2}", "content after the JSON object");
        }

        @Test
        void rejectsAnEmptyValue() {
            assertReason((String) null, "empty value");
            assertReason("", "empty value");
        }

        @Test
        void rejectsAValueStartingWithAByteOrderMark() {
            byte[] object = "{\"index\":1}".getBytes(StandardCharsets.UTF_8);
            assertReason(
                    concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, object),
                    "value starts with a byte-order mark");
            assertReason("{\"index\":1}".getBytes(StandardCharsets.UTF_16), "value starts with a byte-order mark");
            assertReason(
                    concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "{\"index\":1}".getBytes(StandardCharsets.UTF_16LE)),
                    "value starts with a byte-order mark");
        }

        @Test
        void rejectsUtf16AndUtf32WithoutAByteOrderMark() {
            for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
                assertReason("{\"index\":1}".getBytes(Charset.forName(charset)), "value is not UTF-8");
                assertReason(" {\"index\":1}".getBytes(Charset.forName(charset)), "value is not UTF-8");
            }
        }

        @Test
        void keepsTheReasonShortForAHugeValue() {
            var record = TestRecords.pin(0, 1, Instant.parse("2026-11-26T13:00:00Z"), "x".repeat(1_000_000));

            assertThatThrownBy(() -> encoder.encode(record))
                    .isInstanceOf(PoisonRecordException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .startsWith("value is not valid JSON at byte 0")
                            .hasSizeLessThan(200)
                            .doesNotContain("xxx"));
        }

        private void assertReason(String value, String reason) {
            assertReason(value == null ? null : value.getBytes(StandardCharsets.UTF_8), reason);
        }

        private void assertReason(byte[] value, String reason) {
            var record = TestRecords.record(0, 1, 0, value, new RecordHeaders());
            assertThatThrownBy(() -> encoder.encode(record))
                    .isInstanceOf(PoisonRecordException.class)
                    .hasMessageStartingWith(reason);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }
}
