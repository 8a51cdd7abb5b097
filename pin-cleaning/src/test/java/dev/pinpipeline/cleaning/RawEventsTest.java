package dev.pinpipeline.cleaning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinpipeline.spark.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka source rows → raw events (docs/events.md §1 and §3), with the fallbacks for records without headers. */
class RawEventsTest {

    /** The Kafka source's schema with includeHeaders=true. */
    private static final StructType KAFKA = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType)
            .add("timestampType", DataTypes.IntegerType)
            .add(
                    "headers",
                    DataTypes.createArrayType(
                            new StructType().add("key", DataTypes.StringType).add("value", DataTypes.BinaryType)));

    private static final Instant RECORD_TIME = Instant.parse("2026-11-26T13:45:49.999Z");
    private static final String EVENT_ID = "0b9f6a55-8f43-4c1e-9d8a-5b7c2a1e3f40";
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
        // a zone far from UTC: the header's "Z" must be honoured whatever the session's zone
        spark.conf().set("spark.sql.session.timeZone", "America/New_York");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void takesEventIdAndIngestedAtFromTheHeaders() {
        Row event =
                single(kafkaRow(7, header("event_id", EVENT_ID), header("ingested_at", "2026-11-26T13:45:50.123Z")));

        assertThat(event.<String>getAs("event_id")).isEqualTo(EVENT_ID);
        assertThat(event.<Timestamp>getAs("ingested_at").toInstant())
                .isEqualTo(Instant.parse("2026-11-26T13:45:50.123Z"));
        assertThat(event.<String>getAs("topic")).isEqualTo("PinterestTopic");
        assertThat(event.<Integer>getAs("partition")).isEqualTo(3);
        assertThat(event.<Long>getAs("offset")).isEqualTo(7L);
        assertThat(event.<String>getAs("value")).isEqualTo("{\"index\":7,\"title\":\"Caf\u00e9 \u2026\"}");
    }

    @Test
    void withoutHeadersDerivesTheEventIdFromTheCoordinatesAndUsesTheRecordTimestamp() throws Exception {
        Row event = single(kafkaRow(42));

        assertThat(event.<String>getAs("event_id"))
                .isEqualTo(md5Uuid("PinterestTopic/3/42"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(event.<Timestamp>getAs("ingested_at").toInstant()).isEqualTo(RECORD_TIME);
    }

    @Test
    void derivedEventIdIsTheSameOnReplay() {
        List<Row> replayed = rawEvents(List.of(kafkaRow(42), kafkaRow(42), kafkaRow(43)));

        assertThat(replayed.get(0).<String>getAs("event_id"))
                .isEqualTo(replayed.get(1).getAs("event_id"))
                .isNotEqualTo(replayed.get(2).getAs("event_id"));
    }

    @Test
    void fallsBackPerHeaderWhenOneIsMissingUnreadableOrNull() throws Exception {
        Row onlyEventId = single(kafkaRow(1, header("event_id", EVENT_ID)));
        Row unreadableTime = single(kafkaRow(2, header("ingested_at", "yesterday"), header("event_id", null)));
        Row nullHeaders = single(
                RowFactory.create(null, bytes("{}"), "PinterestTopic", 3, 3L, Timestamp.from(RECORD_TIME), 0, null));

        assertThat(onlyEventId.<String>getAs("event_id")).isEqualTo(EVENT_ID);
        assertThat(onlyEventId.<Timestamp>getAs("ingested_at").toInstant()).isEqualTo(RECORD_TIME);
        assertThat(unreadableTime.<String>getAs("event_id")).isEqualTo(md5Uuid("PinterestTopic/3/2"));
        assertThat(unreadableTime.<Timestamp>getAs("ingested_at").toInstant()).isEqualTo(RECORD_TIME);
        assertThat(nullHeaders.<String>getAs("event_id")).isEqualTo(md5Uuid("PinterestTopic/3/3"));
    }

    @Test
    void aHeaderNotInIngestsCanonicalFormCountsAsMissing() throws Exception {
        List<String> eventIds = List.of(
                EVENT_ID.toUpperCase(),
                "{" + EVENT_ID + "}",
                EVENT_ID.replace("-", ""),
                EVENT_ID + " ",
                " " + EVENT_ID,
                "0b9f6a55-8f43-4c1e-9d8a-5b7c2a1e3f4g",
                "e-1");
        List<String> ingestedAts = List.of(
                "2026-11-26T13:45:50Z",
                "2026-11-26T13:45:50.1Z",
                "2026-11-26T13:45:50.123456Z",
                "2026-11-26T14:45:50.123+01:00",
                "2026-11-26 13:45:50.123Z",
                "2026-11-26t13:45:50.123z",
                "2026-11-26T13:45:50.123",
                "2026-02-30T13:45:50.123Z",
                "2026-11-26T24:00:00.000Z",
                " 2026-11-26T13:45:50.123Z",
                "2026-11-26");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(eventIds.size(), ingestedAts.size()); i++) {
            rows.add(kafkaRow(
                    i,
                    header("event_id", eventIds.get(i % eventIds.size())),
                    header("ingested_at", ingestedAts.get(i % ingestedAts.size()))));
        }

        for (Row event : rawEvents(rows)) {
            long offset = event.getAs("offset");
            assertThat(event.<String>getAs("event_id"))
                    .as("event_id of offset %d", offset)
                    .isEqualTo(md5Uuid("PinterestTopic/3/" + offset));
            assertThat(event.<Timestamp>getAs("ingested_at").toInstant())
                    .as("ingested_at of offset %d", offset)
                    .isEqualTo(RECORD_TIME);
        }
    }

    @Test
    void theValueKeepsTheRecordsBytesEvenWhenTheyAreNotUtf8() {
        byte[] raw = {0x7b, (byte) 0xff, (byte) 0xfe, 0x00, 0x41, 0x20, 0x63, 0x61, 0x66, (byte) 0xe9};
        Row kafkaRow = RowFactory.create(null, raw, "PinterestTopic", 3, 9L, Timestamp.from(RECORD_TIME), 0, List.of());

        Row bytes = RawEvents.fromKafka(spark.createDataFrame(List.of(kafkaRow), KAFKA))
                .selectExpr("cast(value as binary) as raw")
                .collectAsList()
                .get(0);

        assertThat((byte[]) bytes.getAs("raw")).isEqualTo(raw);
    }

    @Test
    void theLastHeaderOfANameWins() {
        Row event =
                single(kafkaRow(1, header("event_id", "first"), header("other", "x"), header("event_id", EVENT_ID)));

        assertThat(event.<String>getAs("event_id")).isEqualTo(EVENT_ID);
    }

    @Test
    void rowsReadWithoutHeadersGetTheFallbacks() throws Exception {
        Dataset<Row> withoutHeaders =
                spark.createDataFrame(List.of(kafkaRow(5)), KAFKA).drop("headers");

        Row event = RawEvents.fromKafka(withoutHeaders).collectAsList().get(0);

        assertThat(event.<String>getAs("event_id")).isEqualTo(md5Uuid("PinterestTopic/3/5"));
        assertThat(event.<Timestamp>getAs("ingested_at").toInstant()).isEqualTo(RECORD_TIME);
    }

    @Test
    void producesTheRawEventSchemaThatClassifyAccepts() {
        Dataset<Row> events = RawEvents.fromKafka(spark.createDataFrame(List.of(kafkaRow(5)), KAFKA));

        assertThat(events.schema().fields())
                .extracting(field -> field.name() + " " + field.dataType().simpleString())
                .containsExactly(
                        "event_id string",
                        "ingested_at timestamp",
                        "topic string",
                        "partition int",
                        "offset bigint",
                        "value string");
        assertThat(PinCleaning.classify(events).collectAsList()).hasSize(1);
    }

    @Test
    void refusesRowsThatAreNotKafkaRows() {
        Dataset<Row> notKafka =
                spark.createDataFrame(List.of(kafkaRow(5)), KAFKA).drop("offset", "timestamp");

        assertThatThrownBy(() -> RawEvents.fromKafka(notKafka))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[offset, timestamp]")
                .hasMessageContaining("present: [key binary, value binary, topic string");
    }

    private static Row single(Row kafkaRow) {
        return rawEvents(List.of(kafkaRow)).get(0);
    }

    private static List<Row> rawEvents(List<Row> kafkaRows) {
        List<Row> events = new ArrayList<>(
                RawEvents.fromKafka(spark.createDataFrame(kafkaRows, KAFKA)).collectAsList());
        events.sort(Comparator.comparingLong(row -> row.getLong(row.fieldIndex("offset"))));
        return events;
    }

    private static Row kafkaRow(long offset, Row... headers) {
        return RowFactory.create(
                bytes("9bf39437"),
                bytes("{\"index\":" + offset + ",\"title\":\"Caf\u00e9 \u2026\"}"),
                "PinterestTopic",
                3,
                offset,
                Timestamp.from(RECORD_TIME),
                0,
                List.of(headers));
    }

    private static Row header(String key, String value) {
        return RowFactory.create(key, value == null ? null : bytes(value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** events.md §1: the MD5 of topic/partition/offset, written as a lower-case 8-4-4-4-12 UUID. */
    private static String md5Uuid(String coordinates) throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes(coordinates)));
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
