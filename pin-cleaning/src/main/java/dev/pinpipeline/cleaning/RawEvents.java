package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.md5;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import dev.pinpipeline.events.EventHeaders;
import dev.pinpipeline.events.EventIds;
import dev.pinpipeline.events.IngestedAt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The raw event: the input of the cleaning, whatever the source (docs/events.md §3).
 *
 * <p>Both Spark jobs turn their source into these columns before cleaning: the streaming job from Kafka rows with
 * {@link #fromKafka}, the batch job from the archive lines (which already carry every column).
 */
public final class RawEvents {

    /** event_id, ingested_at, topic, partition, offset, value: the columns of events.md §3, in that order. */
    public static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("ingested_at", DataTypes.TimestampType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("value", DataTypes.StringType);

    private static final List<String> KAFKA_COLUMNS = List.of("value", "topic", "partition", "offset", "timestamp");

    /** ingest-api's event_id: a UUID in lower-case canonical text (docs/events.md §1). */
    static final String CANONICAL_EVENT_ID = EventIds.REGEX;

    /** ingest-api's ingested_at: ISO-8601 UTC with milliseconds and {@code Z}, e.g. 2026-11-26T13:45:50.123Z. */
    static final String CANONICAL_INGESTED_AT = IngestedAt.REGEX;

    private RawEvents() {}

    /**
     * Kafka source rows (read with {@code includeHeaders=true}) → raw events.
     *
     * <p>{@code event_id} and {@code ingested_at} come from the record headers of the same names (the last header of
     * that name wins, as with Kafka's {@code lastHeader}), when they are in ingest-api's canonical form: a
     * lower-case UUID, and ISO-8601 UTC with milliseconds and {@code Z}. A header that is missing, null or in any
     * other form counts as missing (events.md §1, the archive path's rule too, so that both paths give a record the
     * same event): then {@code ingested_at} is the record timestamp, and {@code event_id} is the MD5 of
     * {@code topic/partition/offset} written as a lower-case UUID, so that a replay derives the same id. Rows read
     * without headers get the fallbacks for every record.
     *
     * <p>{@code value} holds the record's bytes unchanged: Spark's cast from binary neither checks nor replaces bytes
     * that are not UTF-8, so {@code cast(value as binary)} gives a reject's raw bytes back.
     */
    public static Dataset<Row> fromKafka(Dataset<Row> kafkaRows) {
        requireColumns(kafkaRows, KAFKA_COLUMNS, "Kafka source rows");
        boolean hasHeaders = Arrays.asList(kafkaRows.columns()).contains("headers");
        Column derivedEventId = derivedEventId(concat_ws(
                EventIds.COORDINATES_SEPARATOR,
                col("topic"),
                col("partition").cast("string"),
                col("offset").cast("string")));
        Column eventId = derivedEventId;
        Column ingestedAt = col("timestamp");
        if (hasHeaders) {
            Column headerEventId = canonical(header(EventHeaders.EVENT_ID), CANONICAL_EVENT_ID);
            Column headerIngestedAt = try_to_timestamp(
                    canonical(header(EventHeaders.INGESTED_AT), CANONICAL_INGESTED_AT), lit(IngestedAt.SPARK_PATTERN));
            eventId = coalesce(headerEventId, derivedEventId);
            ingestedAt = coalesce(headerIngestedAt, col("timestamp"));
        }

        return kafkaRows.select(
                eventId.as("event_id"),
                ingestedAt.as("ingested_at"),
                col("topic"),
                col("partition"),
                col("offset"),
                col("value").cast("string").as("value"));
    }

    /**
     * Fails, with a message listing what is missing and what is present, unless {@code df} has every column of
     * {@link #SCHEMA} with its type.
     */
    public static void requireColumns(Dataset<Row> df) {
        StructType actual = df.schema();
        List<String> problems = new ArrayList<>();
        for (StructField wanted : SCHEMA.fields()) {
            if (!Arrays.asList(actual.fieldNames()).contains(wanted.name())) {
                problems.add(wanted.name() + " " + wanted.dataType().simpleString());
            } else {
                StructField found = actual.apply(wanted.name());
                if (!found.dataType().equals(wanted.dataType())) {
                    problems.add(wanted.name() + " " + wanted.dataType().simpleString() + " (found "
                            + found.dataType().simpleString() + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Raw events lack column(s) " + problems + "; present: "
                    + describe(actual) + "; expected: " + describe(SCHEMA));
        }
    }

    private static void requireColumns(Dataset<Row> df, List<String> names, String what) {
        List<String> present = Arrays.asList(df.columns());
        List<String> missing =
                names.stream().filter(name -> !present.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    what + " lack column(s) " + missing + "; present: " + describe(df.schema()));
        }
    }

    private static String describe(StructType schema) {
        return Arrays.stream(schema.fields())
                .map(field -> field.name() + " " + field.dataType().simpleString())
                .toList()
                .toString();
    }

    /** The last header named {@code key}, as text; null when there is none or its value is null. */
    private static Column header(String key) {
        return expr("cast(try_element_at(filter(headers, h -> h.key = '" + key + "'), -1).value as string)");
    }

    /** The text when it matches the (anchored) regex, else null. */
    private static Column canonical(Column text, String regex) {
        return when(text.rlike(regex), text);
    }

    /**
     * An event id derived from a text that identifies the record (docs/events.md §1): the MD5 of the text, written
     * as a UUID (8-4-4-4-12, lower-case hex), so that a replay derives the same id.
     */
    public static Column derivedEventId(Column text) {
        Column hex = md5(text);
        return concat_ws(
                "-", hex.substr(1, 8), hex.substr(9, 4), hex.substr(13, 4), hex.substr(17, 4), hex.substr(21, 12));
    }
}
