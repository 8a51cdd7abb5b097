package dev.pinpipeline.batch.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.cleaning.RawEvents;
import dev.pinpipeline.spark.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class RawEventTransformsTest {

    private static final String PIN =
            "{\"index\":7528,\"unique_id\":\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\",\"category\":\"art\"}";

    private static final String SOURCE = "s3a://bucket/raw/file.jsonl.gz";

    private final SparkSession spark = LocalSpark.session(PinCleaning.SPARK_SETTINGS);

    @Test
    void archiveLineBecomesRawEventWithPinAsJsonText() {
        String line =
                "{\"event_id\":\"0b9f5a4e-1111-4222-8333-444455556666\",\"ingested_at\":\"2026-11-26T13:45:50.123Z\","
                        + "\"topic\":\"PinterestTopic\",\"partition\":1,\"offset\":42,\"pin\":" + PIN + "}";

        Row event = RawEventTransforms.archiveLinesToRawEvents(lines(line))
                .collectAsList()
                .get(0);

        assertThat(event.<String>getAs("event_id")).isEqualTo("0b9f5a4e-1111-4222-8333-444455556666");
        assertThat(event.<Timestamp>getAs("ingested_at").toInstant())
                .isEqualTo(Instant.parse("2026-11-26T13:45:50.123Z"));
        assertThat(event.<String>getAs("topic")).isEqualTo("PinterestTopic");
        assertThat(event.<Integer>getAs("partition")).isEqualTo(1);
        assertThat(event.<Long>getAs("offset")).isEqualTo(42L);
        assertThat(event.<String>getAs("value")).isEqualTo(PIN);
    }

    @Test
    void thePinsTextIsKeptExactlyAsArchivedSpacesEscapesAndNumbersIncluded() {
        String pin =
                "{\"index\": -1 , \"unique_id\":\"FBE53C66-3442-4773-b19e-d3ec6f54dddf\", \"title\":\"caf\\u00e9\","
                        + " \"follower_count\": 1.50, \"tag_list\":\"a,\\\"pin\\\":b\"}";
        String line =
                "{\"event_id\":\"0b9f5a4e-1111-4222-8333-444455556666\",\"ingested_at\":\"2026-11-26T13:45:50.123Z\","
                        + "\"topic\":\"PinterestTopic\",\"partition\":1,\"offset\":42,\"pin\":" + pin + "}";

        Row event = RawEventTransforms.archiveLinesToRawEvents(lines(line))
                .collectAsList()
                .get(0);

        assertThat(event.<String>getAs("value")).isEqualTo(pin);
        assertThat(event.<Long>getAs("offset")).isEqualTo(42L);
    }

    @Test
    void aPinThatIsNotAnObjectIsKeptAsItsText() {
        String line =
                "{\"event_id\":\"0b9f5a4e-1111-4222-8333-444455556666\",\"ingested_at\":\"2026-11-26T13:45:50.123Z\","
                        + "\"topic\":\"PinterestTopic\",\"partition\":1,\"offset\":43,\"pin\":[1, 2]}";

        Row event = RawEventTransforms.archiveLinesToRawEvents(lines(line))
                .collectAsList()
                .get(0);

        assertThat(event.<String>getAs("value")).isEqualTo("[1, 2]");
    }

    @Test
    void archiveOutputHasTheRawEventColumns() {
        Dataset<Row> events = RawEventTransforms.archiveLinesToRawEvents(lines("{}"));

        assertThat(events.schema().fieldNames()).containsExactly(RawEvents.SCHEMA.fieldNames());
    }

    @Test
    void archiveLineWithoutEventIdGetsTheIdDerivedFromItsCoordinates() {
        String line = "{\"ingested_at\":\"2026-11-26T00:00:00.000Z\",\"topic\":\"PinterestTopic\",\"partition\":0,"
                + "\"offset\":7,\"pin\":" + PIN + "}";

        Row event = RawEventTransforms.archiveLinesToRawEvents(lines(line))
                .collectAsList()
                .get(0);

        assertThat(event.<String>getAs("event_id")).isEqualTo(md5Uuid("PinterestTopic/0/7"));
    }

    @Test
    void corruptArchiveLineIsKeptWithItsTextAndSourceForTheCleaningToReject() {
        String line = "{\"event_id\":\"x\", this is not json";

        Row event = RawEventTransforms.archiveLinesToRawEvents(lines(line))
                .collectAsList()
                .get(0);

        assertThat(event.<String>getAs("value")).isEqualTo(line);
        assertThat(event.<String>getAs("topic")).isEqualTo("s3a://bucket/raw/file.jsonl.gz");
        assertThat(event.<String>getAs("event_id"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void aLineWithABrokenPinIsKeptWholeWithItsSourceAsTopic() throws Exception {
        String line = "{\"event_id\":\"e\",\"ingested_at\":\"2026-11-26T00:00:00.000Z\",\"topic\":\"t\","
                + "\"partition\":0,\"offset\":7,\"pin\":{\"index\":7,}}";

        Row event = single(line);

        assertThat(event.<String>getAs("value")).isEqualTo(line);
        assertThat(event.<String>getAs("topic")).isEqualTo(SOURCE);
        assertThat(event.<String>getAs("event_id")).isEqualTo(md5Uuid(SOURCE + "/" + md5Hex(line)));
        assertThat(event.<Object>getAs("ingested_at")).isNull();
        assertThat(event.<Object>getAs("partition")).isNull();
        assertThat(event.<Object>getAs("offset")).isNull();
    }

    @Test
    void aMemberOfAnotherTypeIsNullTheOthersAreKeptAndTheValueIsTheWholeLine() {
        String line = "{\"event_id\":\"e\",\"ingested_at\":\"2026-11-26T00:00:00.000Z\",\"topic\":\"t\","
                + "\"partition\":\"1\",\"offset\":7,\"pin\":" + PIN + "}";

        Row event = single(line);

        assertThat(event.<String>getAs("event_id")).isEqualTo("e");
        assertThat(event.<String>getAs("topic")).isEqualTo("t");
        assertThat(event.<Object>getAs("partition")).isNull();
        assertThat(event.<Long>getAs("offset")).isEqualTo(7L);
        assertThat(event.<String>getAs("value")).isEqualTo(line);
    }

    @Test
    void anIngestedAtThatIsNotATimestampCountsAsMissingAndTheLineStaysAnEvent() {
        String line = "{\"event_id\":\"e\",\"ingested_at\":\"not a time\",\"topic\":\"t\","
                + "\"partition\":1,\"offset\":7,\"pin\":" + PIN + "}";

        Row event = single(line);

        assertThat(event.<Object>getAs("ingested_at")).isNull();
        assertThat(event.<String>getAs("event_id")).isEqualTo("e");
        assertThat(event.<Long>getAs("offset")).isEqualTo(7L);
        assertThat(event.<String>getAs("value")).isEqualTo(PIN);
    }

    @Test
    void aPinBeforeOtherMembersIsCutFromItsStartToTheLinesLastCharacter() {
        String line = "{\"event_id\":\"e\",\"pin\":{\"a\":1},\"topic\":\"t\",\"partition\":0,\"offset\":1}";

        Row event = single(line);

        assertThat(event.<String>getAs("event_id")).isEqualTo("e");
        assertThat(event.<String>getAs("topic")).isEqualTo("t");
        assertThat(event.<Long>getAs("offset")).isEqualTo(1L);
        assertThat(event.<String>getAs("value")).isEqualTo("{\"a\":1},\"topic\":\"t\",\"partition\":0,\"offset\":1");
    }

    @Test
    void aLineEndingInSpacesKeepsItsEnvelopeAndIsTheValueWhole() {
        String line = "{\"event_id\":\"e\",\"topic\":\"t\",\"partition\":0,\"offset\":1,\"pin\":" + PIN + "}  ";

        Row event = single(line);

        assertThat(event.<String>getAs("event_id")).isEqualTo("e");
        assertThat(event.<String>getAs("topic")).isEqualTo("t");
        assertThat(event.<String>getAs("value")).isEqualTo(line);
    }

    @Test
    void nonAsciiTextInTheEnvelopeAndThePinIsKeptAsArchived() {
        String pin = "{\"index\":1,\"title\":\"caf\u00e9 \u2615 \uD83C\uDFA8\",\"description\":\"\\u00e9t\\u00e9\"}";
        String line = "{\"event_id\":\"\u00e9v\u00e9nement\",\"topic\":\"t\",\"partition\":0,\"offset\":1,\"pin\":"
                + pin + "}";

        Row event = single(line);

        assertThat(event.<String>getAs("event_id")).isEqualTo("\u00e9v\u00e9nement");
        assertThat(event.<String>getAs("value")).isEqualTo(pin);
    }

    @Test
    void blankArchiveLinesAreNotEvents() {
        assertThat(RawEventTransforms.archiveLinesToRawEvents(lines("", "  ")).count())
                .isZero();
    }

    @Test
    void pinLinesGetDeterministicIdsAndIngestTimesInLineOrder() {
        Dataset<Row> positioned = spark.createDataFrame(
                List.of(
                        RowFactory.create(PIN, "pins.jsonl", 0L),
                        RowFactory.create("   ", "pins.jsonl", 1L),
                        RowFactory.create("not json", "pins.jsonl", 2L)),
                RawEventTransforms.POSITIONED_LINES);

        List<Row> events = RawEventTransforms.pinLinesToRawEvents(positioned, LocalDate.parse("2026-11-26"))
                .orderBy("offset")
                .collectAsList();

        assertThat(events).hasSize(2);
        Row first = events.get(0);
        assertThat(first.<String>getAs("event_id")).isEqualTo(md5Uuid("pins.jsonl/0/0"));
        assertThat(first.<Timestamp>getAs("ingested_at").toInstant()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(first.<String>getAs("topic")).isEqualTo("pins.jsonl");
        assertThat(first.<Integer>getAs("partition")).isZero();
        assertThat(first.<String>getAs("value")).isEqualTo(PIN);
        Row third = events.get(1);
        assertThat(third.<Long>getAs("offset")).isEqualTo(2L);
        assertThat(third.<Timestamp>getAs("ingested_at").toInstant())
                .isEqualTo(Instant.parse("2026-11-26T00:00:00.002Z"));
        assertThat(third.<String>getAs("value")).isEqualTo("not json");
    }

    private Row single(String line) {
        List<Row> events =
                RawEventTransforms.archiveLinesToRawEvents(lines(line)).collectAsList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private Dataset<Row> lines(String... lines) {
        List<Row> rows = java.util.Arrays.stream(lines)
                .map(line -> RowFactory.create(line, SOURCE))
                .toList();
        return spark.createDataFrame(rows, RawEventTransforms.SOURCED_LINES);
    }

    private static String md5Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String md5Uuid(String text) {
        try {
            String hex = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
