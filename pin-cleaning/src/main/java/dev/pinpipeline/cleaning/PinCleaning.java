package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The pin data contract's cleaning (docs/pin-data-contract.md §2) on Spark Datasets: {@link PinCleaner}'s rules, one
 * call per record in a projection, no actions, so the same code serves the batch job and the streaming job.
 *
 * <pre>{@code
 * Dataset<Row> classified = PinCleaning.classify(rawEvents);   // one parse of each value
 * Dataset<Row> pins = PinCleaning.cleaned(classified);         // CLEANED_SCHEMA
 * Dataset<Row> rejects = PinCleaning.rejects(classified);      // REJECT_SCHEMA
 * }</pre>
 */
public final class PinCleaning {

    /** The cleaned pin: the contract's §2 columns, then the event's identity and source. */
    public static final StructType CLEANED_SCHEMA = new StructType()
            .add("ind", DataTypes.IntegerType)
            .add("unique_id", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("description", DataTypes.StringType)
            .add("poster_name", DataTypes.StringType)
            .add("follower_count", DataTypes.LongType)
            .add("tag_list", DataTypes.createArrayType(DataTypes.StringType))
            .add("is_image_or_video", DataTypes.StringType)
            .add("image_src", DataTypes.StringType)
            .add("downloaded", DataTypes.BooleanType)
            .add("save_location", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("ingested_at", DataTypes.TimestampType)
            .add("event_id", DataTypes.StringType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType);

    /** A record that cannot be cleaned: its raw text, its source and the reason. */
    public static final StructType REJECT_SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("ingested_at", DataTypes.TimestampType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("value", DataTypes.StringType)
            .add("reason", DataTypes.StringType);

    /**
     * Spark settings the cleaning is written for; both jobs apply them unless the deployment sets them otherwise.
     *
     * <p>{@code spark.sql.codegen.hugeMethodLimit=8000}: HotSpot never compiles a method of more than 8 000 bytes of
     * bytecode (its {@code HugeMethodLimit}), it interprets it. When the cleaning was written as column expressions,
     * they filled one whole-stage method to just under that, and in the batch job, fused with the archive's own
     * projections, ran interpreted. With this limit Spark generates smaller per-operator code for any such stage
     * instead (the value Spark's documentation gives for HotSpot).
     */
    public static final Map<String, String> SPARK_SETTINGS = Map.of("spark.sql.codegen.hugeMethodLimit", "8000");

    /** The reasons a record is rejected, checked in this order. */
    public static final String NOT_A_JSON_OBJECT = "not a JSON object";
    /** The contract's §1 text table: U+0000, an unpaired surrogate, or bytes that are not UTF-8 (see ForbiddenText). */
    public static final String FORBIDDEN_TEXT = "text holds NUL, an unpaired surrogate or bytes that are not UTF-8";

    public static final String MISSING_UNIQUE_ID = "missing unique_id";
    public static final String UNIQUE_ID_NOT_A_UUID = "unique_id is not a UUID";
    public static final String MISSING_INDEX = "missing index";
    public static final String INDEX_NOT_AN_INTEGER = "index is not a non-negative integer";

    /** What {@link PinCleaner} returns per record: the contract's §2 columns and the reject reason. */
    static final StructType CLEANED_STRUCT = new StructType(java.util.Arrays.copyOf(CLEANED_SCHEMA.fields(), 12))
            .add("reject_reason", DataTypes.StringType);

    /**
     * {@link PinCleaner#clean} as a Spark function of the value's bytes. Marked non-deterministic, only so that Spark's
     * optimizer never copies the call: it would otherwise push a filter on one of its fields (e.g. {@link #cleaned})
     * below the projection that calls it, and evaluate it twice per record. Its result depends on its input alone.
     */
    private static final UserDefinedFunction CLEAN = udf((UDF1<byte[], Row>) PinCleaner::clean, CLEANED_STRUCT)
            .asNondeterministic()
            .withName("pin_cleaning");

    private PinCleaning() {}

    /**
     * Raw events ({@link RawEvents#SCHEMA}) → every {@link #CLEANED_SCHEMA} column, plus {@code value} and
     * {@code reject_reason} (null when the record is clean). One call of {@link PinCleaner} per record: one parse of the
     * value's bytes and every rule, in plain Java. Works on streaming Datasets.
     */
    public static Dataset<Row> classify(Dataset<Row> rawEvents) {
        RawEvents.requireColumns(rawEvents);
        Dataset<Row> cleaned = rawEvents.select(
                col("event_id"),
                col("ingested_at"),
                col("topic"),
                col("partition"),
                col("offset"),
                col("value"),
                CLEAN.apply(col("value").cast("binary")).as("pin"));
        List<Column> columns = new ArrayList<>();
        for (String name : CLEANED_SCHEMA.fieldNames()) {
            columns.add(
                    CLEANED_STRUCT.getFieldIndex(name).isDefined()
                            ? col("pin." + name).as(name)
                            : col(name));
        }
        columns.add(col("value"));
        columns.add(col("pin.reject_reason").as("reject_reason"));
        return cleaned.select(columns.toArray(Column[]::new));
    }

    /** The clean records of {@link #classify}: {@link #CLEANED_SCHEMA}'s columns, in that order. */
    public static Dataset<Row> cleaned(Dataset<Row> classified) {
        return classified.where(col("reject_reason").isNull()).select(columns(CLEANED_SCHEMA));
    }

    /** The rejected records of {@link #classify}: {@link #REJECT_SCHEMA}'s columns ({@code reason} = the reject reason). */
    public static Dataset<Row> rejects(Dataset<Row> classified) {
        return classified
                .where(col("reject_reason").isNotNull())
                .withColumnRenamed("reject_reason", "reason")
                .select(columns(REJECT_SCHEMA));
    }

    private static Column[] columns(StructType schema) {
        return java.util.Arrays.stream(schema.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
    }
}
