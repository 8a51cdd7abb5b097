package dev.pinpipeline.batch.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.md5;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.pinpipeline.cleaning.RawEvents;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the job's text inputs into raw events (docs/events.md §3: event_id, ingested_at, topic, partition, offset,
 * value), the input of pin-cleaning. Pure Dataset → Dataset functions; the reading is in
 * {@link dev.pinpipeline.batch.io.RawEventReader}.
 */
public final class RawEventTransforms {

    /** Text lines with the file they came from: {@code line} (string), {@code source} (string). */
    public static final StructType SOURCED_LINES =
            new StructType().add("line", DataTypes.StringType).add("source", DataTypes.StringType);

    private static final String CORRUPT = "_corrupt_record";

    /** Pin lines with their position in the input: {@code line}, {@code source}, {@code position} (long, 0-based). */
    public static final StructType POSITIONED_LINES = SOURCED_LINES.add("position", DataTypes.LongType);

    /**
     * The archive envelope (docs/events.md §2) without its {@code pin}: the parse skips the pin object, whose text
     * is cut out of the line instead (see {@link #PIN_MEMBER}). {@code _corrupt_record} is set when the line is not
     * valid JSON.
     */
    static final StructType ARCHIVE_LINE = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("ingested_at", DataTypes.StringType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add(CORRUPT, DataTypes.StringType);

    /**
     * batch-consumer writes the pin last, right after this, and closes the envelope with one {@code '}'}: the pin's
     * text is the rest of the line but its last character, byte for byte as archived. (Letting Spark read the member
     * as a string would write the object anew: spaces, escapes and number formats changed, and the contract keeps a
     * reject's raw text.)
     */
    static final String PIN_MEMBER = ",\"pin\":";

    private static final UserDefinedFunction ENVELOPE =
            udf((UDF1<byte[], Row>) ArchiveEnvelope::readAsRow, ARCHIVE_LINE).withName("archive_envelope");

    private RawEventTransforms() {}

    /**
     * Archive lines → raw events. A line that is not a valid envelope is not dropped: it becomes an event whose
     * value is the whole line (so the cleaning rejects it with its raw text), whose topic is the archive object it
     * came from, and whose event_id is derived from its content. A missing event_id is derived from the record's
     * coordinates, as docs/events.md §1 says for records from other producers; an {@code ingested_at} that is not a
     * timestamp counts as missing (null), as it does for a header.
     */
    public static Dataset<Row> archiveLinesToRawEvents(Dataset<Row> lines) {
        Dataset<Row> parsed = lines.where(trim(col("line")).notEqual(""))
                .withColumn("envelope", envelope(col("line")))
                .withColumn("line_bytes", octet_length(col("line")))
                .withColumn("before_pin_bytes", octet_length(substring_index(col("line"), PIN_MEMBER, 1)));
        // Positions in bytes, not characters: counting the characters of every ~1 KB line cost a tenth of the job.
        Column pinStart = col("before_pin_bytes").plus(PIN_MEMBER.length() + 1);
        Column pinText = when(
                col("envelope")
                        .isNotNull()
                        .and(col("envelope." + CORRUPT).isNull())
                        .and(col("before_pin_bytes").lt(col("line_bytes")))
                        .and(col("line").endsWith("}")),
                col("line")
                        .cast(DataTypes.BinaryType)
                        .substr(pinStart, col("line_bytes").minus(pinStart))
                        .cast(DataTypes.StringType));
        Column coordinates = concat_ws(
                "/",
                col("envelope.topic"),
                col("envelope.partition").cast("string"),
                col("envelope.offset").cast("string"));
        Column hasCoordinates = col("envelope.topic")
                .isNotNull()
                .and(col("envelope.partition").isNotNull())
                .and(col("envelope.offset").isNotNull());
        Column derivedEventId = when(hasCoordinates, RawEvents.derivedEventId(coordinates))
                .otherwise(RawEvents.derivedEventId(concat_ws("/", col("source"), md5(col("line")))));
        Dataset<Row> events = parsed.select(
                coalesce(col("envelope.event_id"), derivedEventId).as("event_id"),
                // not a timestamp counts as missing (events.md §1): Spark's ANSI cast would fail the whole day
                col("envelope.ingested_at").try_cast(DataTypes.TimestampType).as("ingested_at"),
                coalesce(col("envelope.topic"), col("source")).as("topic"),
                col("envelope.partition").as("partition"),
                col("envelope.offset").as("offset"),
                coalesce(pinText, col("line")).as("value"));
        RawEvents.requireColumns(events);
        return events;
    }

    /**
     * The line's envelope as {@link #ARCHIVE_LINE}: read from the line's bytes by {@link ArchiveEnvelope}, which skips
     * the pin without decoding it; Spark's {@code from_json} (which decodes the whole line) only for the lines that
     * reader leaves to it: not JSON, not a plain envelope. The same values either way.
     */
    private static Column envelope(Column line) {
        return coalesce(
                ENVELOPE.apply(line.cast(DataTypes.BinaryType)),
                from_json(line, ARCHIVE_LINE, Map.of("columnNameOfCorruptRecord", CORRUPT)));
    }

    /**
     * Plain pin lines → raw events for {@code day}. There is no ingest metadata, so it is derived, deterministically
     * (a re-run gives the same ids): topic = the file's name, partition = 0, offset = the line's position in the
     * input, ingested_at = the day's midnight UTC + position milliseconds (so later lines are later events, the order
     * the original emulator posted them in), event_id = the MD5 of {@code topic/partition/offset} as a UUID, the
     * rule docs/events.md gives for records without headers. Blank lines are skipped.
     */
    public static Dataset<Row> pinLinesToRawEvents(Dataset<Row> positionedLines, LocalDate day) {
        long midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Dataset<Row> events = positionedLines
                .where(trim(col("line")).notEqual(""))
                .select(
                        RawEvents.derivedEventId(concat_ws(
                                        "/",
                                        col("source"),
                                        lit("0"),
                                        col("position").cast("string")))
                                .as("event_id"),
                        timestamp_millis(lit(midnight).plus(col("position"))).as("ingested_at"),
                        col("source").as("topic"),
                        lit(0).as("partition"),
                        col("position").as("offset"),
                        col("line").as("value"));
        RawEvents.requireColumns(events);
        return events;
    }
}
