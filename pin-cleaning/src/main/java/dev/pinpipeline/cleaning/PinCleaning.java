package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.schema_of_variant;
import static org.apache.spark.sql.functions.try_variant_get;
import static org.apache.spark.sql.functions.variant_get;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The pin data contract's cleaning (docs/pin-data-contract.md §2), as Spark column expressions: built-in functions
 * only, no UDFs, no actions, so the same code serves the batch job and the streaming job.
 *
 * <pre>{@code
 * Dataset<Row> classified = PinCleaning.classify(rawEvents);   // one pass over the JSON
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

    /** The reasons a record is rejected, checked in this order. */
    public static final String NOT_A_JSON_OBJECT = "not a JSON object";
    public static final String MISSING_UNIQUE_ID = "missing unique_id";
    public static final String UNIQUE_ID_NOT_A_UUID = "unique_id is not a UUID";
    public static final String MISSING_INDEX = "missing index";
    public static final String INDEX_NOT_AN_INTEGER = "index is not a non-negative integer";

    static final String NO_TAGS = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";
    static final String SAVE_LOCATION_PREFIX = "Local save in ";
    private static final String CORRUPT = "_corrupt_record";
    private static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    /**
     * The one parse of the value. Text fields as strings (a number or boolean there arrives as its JSON text).
     * {@code follower_count} and {@code downloaded} as variants, because their rules depend on the JSON type: a
     * string {@code "1.5k"} is a count but a JSON number {@code 1.5} is not; {@code 1} is a download flag but the
     * string {@code "1"} is not (the contract accepts only integer 0/1 or boolean there).
     */
    static final StructType PIN_JSON = new StructType()
            .add("index", DataTypes.StringType)
            .add("unique_id", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("description", DataTypes.StringType)
            .add("poster_name", DataTypes.StringType)
            .add("follower_count", DataTypes.VariantType)
            .add("tag_list", DataTypes.StringType)
            .add("is_image_or_video", DataTypes.StringType)
            .add("image_src", DataTypes.StringType)
            .add("downloaded", DataTypes.VariantType)
            .add("save_location", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add(CORRUPT, DataTypes.StringType);

    private PinCleaning() {
    }

    /**
     * Raw events ({@link RawEvents#SCHEMA}) → every {@link #CLEANED_SCHEMA} column, plus {@code value} and
     * {@code reject_reason} (null when the record is clean). Parses each value once; works on streaming Datasets.
     */
    public static Dataset<Row> classify(Dataset<Row> rawEvents) {
        RawEvents.requireColumns(rawEvents);
        Dataset<Row> parsed = rawEvents.select(
                col("event_id"), col("ingested_at"), col("topic"), col("partition"), col("offset"), col("value"),
                from_json(col("value"), PIN_JSON, Map.of("columnNameOfCorruptRecord", CORRUPT)).as("pin"));

        Column uniqueId = lower(TextRule.apply(field("unique_id")));
        Column index = field("index");
        Column ind = when(index.rlike("^[0-9]+$"), index.try_cast("int"));

        Column reason = when(col("pin").isNull().or(field(CORRUPT).isNotNull()), lit(NOT_A_JSON_OBJECT))
                .when(uniqueId.isNull(), lit(MISSING_UNIQUE_ID))
                .when(not(uniqueId.rlike(UUID)), lit(UNIQUE_ID_NOT_A_UUID))
                .when(index.isNull(), lit(MISSING_INDEX))
                .when(ind.isNull(), lit(INDEX_NOT_AN_INTEGER));

        return parsed.select(
                ind.as("ind"),
                uniqueId.as("unique_id"),
                TextRule.withoutPlaceholders(field("title"), "No Title Data Available").as("title"),
                TextRule.withoutPlaceholders(field("description"),
                        "No description available Story format", "No description available", "Untitled")
                        .as("description"),
                TextRule.withoutPlaceholders(field("poster_name"), "User Info Error").as("poster_name"),
                followerCount(field("follower_count")).as("follower_count"),
                tagList(field("tag_list")).as("tag_list"),
                imageOrVideo(field("is_image_or_video")).as("is_image_or_video"),
                TextRule.withoutPlaceholders(field("image_src"), "Image src error.").as("image_src"),
                downloaded(field("downloaded")).as("downloaded"),
                saveLocation(field("save_location")).as("save_location"),
                lower(TextRule.apply(field("category"))).as("category"),
                col("ingested_at"), col("event_id"), col("topic"), col("partition"), col("offset"),
                col("value"),
                reason.as("reject_reason"));
    }

    /** The clean records of {@link #classify}: {@link #CLEANED_SCHEMA}'s columns, in that order. */
    public static Dataset<Row> cleaned(Dataset<Row> classified) {
        return classified.where(col("reject_reason").isNull()).select(columns(CLEANED_SCHEMA));
    }

    /** The rejected records of {@link #classify}: {@link #REJECT_SCHEMA}'s columns ({@code reason} = the reject reason). */
    public static Dataset<Row> rejects(Dataset<Row> classified) {
        return classified.where(col("reject_reason").isNotNull())
                .withColumnRenamed("reject_reason", "reason")
                .select(columns(REJECT_SCHEMA));
    }

    private static Column field(String name) {
        return col("pin." + name);
    }

    private static Column not(Column predicate) {
        return org.apache.spark.sql.functions.not(predicate);
    }

    private static Column[] columns(StructType schema) {
        return java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /**
     * A JSON string: digits with an optional decimal part and an optional k/M/B suffix (either case), after the text
     * rule → × 1, 10³, 10⁶, 10⁹, rounded half up. A non-negative JSON integer → itself. Anything else → null.
     */
    static Column followerCount(Column raw) {
        Column type = schema_of_variant(raw);
        Column integer = try_variant_get(raw, "$", "bigint");
        return when(type.equalTo("STRING"), countText(TextRule.apply(variant_get(raw, "$", "string"))))
                .when(type.equalTo("BIGINT").and(integer.geq(0)), integer);
    }

    /**
     * The count grammar on text. The suffix becomes an exponent ({@code 1.5k} → {@code 1.5E3}) and the cast to
     * decimal(38,0) does the one exact, half-up rounding. The fraction is cut after 10 digits first: after a shift of
     * at most 9 places the rounding depends only on the first dropped digit, and the cut keeps the text within
     * decimal's 38 digits. Too large for a bigint → null.
     */
    static Column countText(Column text) {
        Column suffix = lower(substring(text, -1, 1));
        Column exponent = when(suffix.equalTo("k"), lit(3))
                .when(suffix.equalTo("m"), lit(6))
                .when(suffix.equalTo("b"), lit(9))
                .otherwise(lit(0));
        Column number = when(exponent.gt(0), text.substr(lit(1), length(text).minus(1))).otherwise(text);
        Column dot = instr(number, ".");
        Column cut = when(dot.gt(0), number.substr(lit(1), dot.plus(10))).otherwise(number);
        Column scaled = concat(cut, lit("E"), exponent.cast("string"));
        Column value = scaled.try_cast("decimal(38,0)").try_cast("bigint");
        return when(text.rlike("^[0-9]+(\\.[0-9]+)?[kKmMbB]?$"), value);
    }

    /**
     * The no-tags placeholder → null; otherwise split on commas, each tag by the text rule, empty tags dropped,
     * order kept; no tags left → null.
     */
    static Column tagList(Column raw) {
        Column text = TextRule.apply(raw);
        Column tags = filter(transform(split(text, ","), tag -> trimmed(tag)), tag -> tag.isNotNull());
        return when(text.notEqual(lit(NO_TAGS)).and(size(tags).gt(0)), tags);
    }

    private static Column trimmed(Column tag) {
        return TextRule.apply(tag);
    }

    static Column imageOrVideo(Column raw) {
        Column text = TextRule.apply(raw);
        return when(text.equalTo("image"), lit("image"))
                .when(text.equalTo("video"), lit("video"))
                .when(text.equalTo("multi-video(story page format)"), lit("story"));
    }

    /** JSON 1 or true → true, 0 or false → false; anything else, the strings "1" or "true" included, → null. */
    static Column downloaded(Column raw) {
        Column type = schema_of_variant(raw);
        Column integer = try_variant_get(raw, "$", "bigint");
        return when(type.equalTo("BOOLEAN"), variant_get(raw, "$", "boolean"))
                .when(type.equalTo("BIGINT").and(integer.equalTo(1)), lit(true))
                .when(type.equalTo("BIGINT").and(integer.equalTo(0)), lit(false));
    }

    static Column saveLocation(Column raw) {
        Column text = TextRule.apply(raw);
        return when(text.startsWith(SAVE_LOCATION_PREFIX), text.substr(lit(SAVE_LOCATION_PREFIX.length() + 1),
                length(text))).otherwise(text);
    }
}
