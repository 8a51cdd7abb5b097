package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.md5;

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

    private RawEvents() {
    }

    /**
     * Kafka source rows (read with {@code includeHeaders=true}) → raw events.
     *
     * <p>{@code event_id} and {@code ingested_at} come from the record headers of the same names (the last header of
     * that name wins, as with Kafka's {@code lastHeader}). A record from another producer may lack them (events.md
     * §1): then {@code ingested_at} is the record timestamp, and {@code event_id} is the MD5 of
     * {@code topic/partition/offset} written as a lower-case UUID, so that a replay derives the same id. Rows read
     * without headers get the fallbacks for every record.
     */
    public static Dataset<Row> fromKafka(Dataset<Row> kafkaRows) {
        requireColumns(kafkaRows, KAFKA_COLUMNS, "Kafka source rows");
        boolean hasHeaders = Arrays.asList(kafkaRows.columns()).contains("headers");
        Column headerEventId = hasHeaders ? header("event_id") : null;
        Column headerIngestedAt = hasHeaders ? expr("try_to_timestamp(" + headerSql("ingested_at") + ")") : null;

        Column derivedEventId = derivedEventId(concat_ws("/",
                col("topic"), col("partition").cast("string"), col("offset").cast("string")));
        Column eventId = hasHeaders ? coalesce(headerEventId, derivedEventId) : derivedEventId;
        Column ingestedAt = hasHeaders ? coalesce(headerIngestedAt, col("timestamp")) : col("timestamp");

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
                    problems.add(wanted.name() + " " + wanted.dataType().simpleString()
                            + " (found " + found.dataType().simpleString() + ")");
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
        List<String> missing = names.stream().filter(name -> !present.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(what + " lack column(s) " + missing + "; present: " + describe(df.schema()));
        }
    }

    private static String describe(StructType schema) {
        return Arrays.stream(schema.fields())
                .map(field -> field.name() + " " + field.dataType().simpleString())
                .toList()
                .toString();
    }

    private static Column header(String key) {
        return expr(headerSql(key));
    }

    /** The last header named {@code key}, decoded as UTF-8; null when there is none or its value is null. */
    private static String headerSql(String key) {
        return "cast(try_element_at(filter(headers, h -> h.key = '" + key + "'), -1).value as string)";
    }

    /**
     * An event id derived from a text that identifies the record (docs/events.md §1): the MD5 of the text, written
     * as a UUID (8-4-4-4-12, lower-case hex), so that a replay derives the same id.
     */
    public static Column derivedEventId(Column text) {
        Column hex = md5(text);
        return concat_ws("-",
                hex.substr(1, 8), hex.substr(9, 4), hex.substr(13, 4), hex.substr(17, 4), hex.substr(21, 12));
    }
}
