package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.contains;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.schema_of_variant;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.translate;
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

    /**
     * Spark settings the cleaning is written for; both jobs apply them unless the deployment sets them otherwise.
     *
     * <p>{@code spark.sql.codegen.hugeMethodLimit=8000}: HotSpot never compiles a method of more than 8 000 bytes of
     * bytecode (its {@code HugeMethodLimit}), it interprets it. The cleaning's rules fill one whole-stage method to just
     * under that; in the batch job, Spark fused the archive's own projections into it, and the cleaning ran
     * interpreted, ~18 % of the job's CPU. With this limit Spark generates smaller per-operator code for such a stage
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

    static final String NO_TAGS = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";
    static final String SAVE_LOCATION_PREFIX = "Local save in ";
    private static final String CORRUPT = "_corrupt_record";
    /** A count: group 1 the number with at most 10 fraction digits (the suffix is read apart); no match → "". */
    private static final String COUNT = "^([0-9]+(?:\\.[0-9]{1,10})?)[0-9]*[kKmMbB]?$";
    /** One tag, without the white space around it. */
    private static final String TAG = "[^,\\p{IsWhite_Space}](?:[^,]*[^,\\p{IsWhite_Space}])?";
    private static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    private static final String UUID_ANY_CASE = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    /** A character that lower-casing may change: an ASCII capital or anything not ASCII. */
    private static final String MAY_LOWER = "[A-Z[^\\x00-\\x7F]]";

    /**
     * The one parse of the value. Text fields as strings (a number or boolean there arrives as its JSON text, e.g.
     * {@code title: 5} → {@code "5"}). {@code follower_count} too: its rule depends on the JSON type (a string
     * {@code "12.5"} is a count, the number {@code 12.5} is not), but the text alone decides it except when it reads
     * {@code digits.digits}; only then is the type looked up (see {@link #followerCount}). {@code downloaded} as a
     * variant: {@code 1} is a download flag but the string {@code "1"} is not, and the text cannot tell them apart.
     */
    static final StructType PIN_JSON = new StructType()
            .add("index", DataTypes.StringType)
            .add("unique_id", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("description", DataTypes.StringType)
            .add("poster_name", DataTypes.StringType)
            .add("follower_count", DataTypes.StringType)
            .add("tag_list", DataTypes.StringType)
            .add("is_image_or_video", DataTypes.StringType)
            .add("image_src", DataTypes.StringType)
            .add("downloaded", DataTypes.VariantType)
            .add("save_location", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add(CORRUPT, DataTypes.StringType);

    /** follower_count's JSON type, for the few records whose count text does not tell it. */
    private static final StructType FOLLOWER_COUNT_JSON = new StructType()
            .add("follower_count", DataTypes.VariantType);

    private PinCleaning() {
    }

    /**
     * Raw events ({@link RawEvents#SCHEMA}) → every {@link #CLEANED_SCHEMA} column, plus {@code value} and
     * {@code reject_reason} (null when the record is clean). Parses each value once; works on streaming Datasets.
     *
     * <p>Five projections, so that every piece of work happens once per record: (1) parse, (2) read each field once
     * (white space stripped), (3) the rules, on the columns of (2) only, (4) unique_id and follower_count, from
     * columns of (3) that they read twice, (5) the reject reason and the final columns. Spark keeps them apart (it
     * does not inline an expensive expression used more than once); written as one projection, each field's
     * stripping was repeated in every branch of its rule, and the generated code grew past what Spark compiles,
     * which made cleaning ~20× slower.
     *
     * <p>unique_id is lower-cased without {@code lower} when it already is a UUID ({@code lower} goes through ICU in
     * Spark 4: a copy and a break iterator per call): a lower-case UUID is kept as it is, an upper-case one is
     * {@code translate}d (for hex digits the two agree), anything else goes through {@code lower}.
     */
    public static Dataset<Row> classify(Dataset<Row> rawEvents) {
        RawEvents.requireColumns(rawEvents);
        Dataset<Row> parsed = rawEvents.select(with(source(),
                from_json(col("value"), PIN_JSON, Map.of("columnNameOfCorruptRecord", CORRUPT)).as("pin"),
                ForbiddenText.in(col("value")).as("_forbidden_text")));

        Dataset<Row> fields = parsed.select(with(source(),
                col("pin").isNotNull().and(field(CORRUPT).isNull()).as("_is_object"),
                col("_forbidden_text"),
                field("index").as("_index"),
                TextRule.strip(field("unique_id")).as("_unique_id"),
                TextRule.strip(field("title")).as("_title"),
                TextRule.strip(field("description")).as("_description"),
                TextRule.strip(field("poster_name")).as("_poster_name"),
                TextRule.strip(field("follower_count")).as("_follower_count"),
                TextRule.strip(field("tag_list")).as("_tag_list"),
                TextRule.strip(field("is_image_or_video")).as("_is_image_or_video"),
                TextRule.strip(field("image_src")).as("_image_src"),
                field("downloaded").as("_downloaded"),
                to_json(field("downloaded")).as("_downloaded_json"),
                TextRule.strip(field("save_location")).as("_save_location"),
                TextRule.strip(field("category")).as("_category")));

        Dataset<Row> rules = fields.select(with(source(),
                col("_is_object"),
                col("_forbidden_text"),
                col("_index"),
                when(col("_index").rlike("^[0-9]+$"), col("_index").try_cast("int")).as("ind"),
                col("_unique_id"),
                col("_unique_id").rlike(UUID).as("_uuid_lower"),
                TextRule.withoutPlaceholders(col("_title"), "No Title Data Available").as("title"),
                TextRule.withoutPlaceholders(col("_description"),
                        "No description available Story format", "No description available", "Untitled")
                        .as("description"),
                TextRule.withoutPlaceholders(col("_poster_name"), "User Info Error").as("poster_name"),
                regexp_extract(col("_follower_count"), COUNT, 1).as("_count_number"),
                substring(col("_follower_count"), -1, 1).as("_count_suffix"),
                tagList(col("_tag_list")).as("_tags"),
                imageOrVideo(col("_is_image_or_video")).as("is_image_or_video"),
                TextRule.withoutPlaceholders(col("_image_src"), "Image src error.").as("image_src"),
                downloaded(col("_downloaded_json"), col("_downloaded")).as("downloaded"),
                saveLocation(col("_save_location")).as("save_location"),
                lowerCase(col("_category")).as("category")));

        Column uuid = col("_uuid_lower").or(col("_unique_id").rlike(UUID_ANY_CASE));
        Dataset<Row> identified = rules.select(with(source(),
                col("_is_object"), col("_forbidden_text"), col("_index"), col("ind"),
                when(col("_uuid_lower"), col("_unique_id"))
                        .when(uuid, translate(col("_unique_id"), "ABCDEF", "abcdef"))
                        .otherwise(TextRule.nonEmpty(lower(col("_unique_id")))).as("unique_id"),
                uuid.as("_is_uuid"),
                col("title"), col("description"), col("poster_name"),
                followerCount(col("_count_number"), col("_count_suffix"))
                        .as("follower_count"),
                when(size(col("_tags")).gt(0), col("_tags")).as("tag_list"),
                col("is_image_or_video"), col("image_src"), col("downloaded"), col("save_location"),
                col("category")));

        Column reason = when(not(col("_is_object")), lit(NOT_A_JSON_OBJECT))
                .when(col("_forbidden_text"), lit(FORBIDDEN_TEXT))
                .when(col("unique_id").isNull(), lit(MISSING_UNIQUE_ID))
                .when(not(col("_is_uuid")), lit(UNIQUE_ID_NOT_A_UUID))
                .when(col("_index").isNull(), lit(MISSING_INDEX))
                .when(col("ind").isNull(), lit(INDEX_NOT_AN_INTEGER));
        return identified.select(
                col("ind"), col("unique_id"), col("title"), col("description"), col("poster_name"),
                col("follower_count"), col("tag_list"),
                col("is_image_or_video"), col("image_src"), col("downloaded"), col("save_location"), col("category"),
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
     * rule → × 1, 10³, 10⁶, 10⁹, rounded half up; a non-negative JSON integer → itself; anything else → null.
     *
     * <p>{@code number} is {@link #COUNT}'s group 1: the number, its fraction cut after 10 digits (after a shift of at
     * most 9 places, half-up rounding depends only on the first dropped digit; the cut also keeps the text within
     * decimal's 38 digits), or "" when the text is not a count. A suffix becomes an exponent ({@code 1.5k} →
     * {@code 1.5E3}) and one cast to decimal(38,0) does the exact, half-up rounding. Too large for a bigint → null.
     *
     * <p>The field is parsed as text, and a JSON number arrives as its text. For digits alone both readings agree (the
     * string {@code "437"} and the number {@code 437} are 437; {@code -0} arrives as {@code 0}); a suffix or white
     * space only occurs in a string; any other number text ({@code -5}, {@code 1000.0} for {@code 1e3}, {@code 5.0E-4})
     * is not a count, except {@code digits.digits}, which is one as a string but not as a number: only for those is
     * the value parsed again, for its JSON type ({@code from_json}, in a branch that other records never reach).
     *
     * <p>That {@code from_json} also keeps this projection out of whole-stage code generation, which is wanted: with
     * a generated-code-capable type test instead ({@code try_parse_json}), Spark fused projections (2) to (4) into one
     * method too large for the JIT to compile, and cleaning cost twice the CPU per record.
     */
    private static Column followerCount(Column number, Column suffix) {
        Column rounded = concat(number, lit("E"), when(suffix.isin("k", "K"), lit("3"))
                .when(suffix.isin("m", "M"), lit("6"))
                .when(suffix.isin("b", "B"), lit("9"))
                .otherwise(lit("0")))
                .try_cast("decimal(38,0)").try_cast("bigint");
        Column isJsonString = schema_of_variant(
                from_json(col("value"), FOLLOWER_COUNT_JSON, Map.of()).getField("follower_count")).equalTo("STRING");
        return when(number.equalTo(""), lit(null).cast("bigint"))
                .when(suffix.isin("k", "K", "m", "M", "b", "B"), rounded)
                .when(contains(number, lit(".")), when(isJsonString, rounded))
                .otherwise(number.try_cast("bigint"));
    }

    /**
     * Lower case, as {@code lower}; which in Spark 4 goes through ICU and costs a copy and a break iterator per
     * call, so it only runs on a text that has a character it may change (an ASCII capital, or not ASCII).
     */
    private static Column lowerCase(Column stripped) {
        return TextRule.nonEmpty(when(stripped.rlike(MAY_LOWER), lower(stripped)).otherwise(stripped));
    }

    /**
     * The no-tags placeholder → null; otherwise the tags between commas, each by the text rule, empty tags dropped,
     * order kept (no tags left → null, in the last projection). One regular expression finds every tag already
     * stripped: a run of non-commas that starts and ends with a character that is not white space. This avoids
     * {@code transform}/{@code filter} lambdas, which Spark interprets outside its generated code.
     */
    private static Column tagList(Column stripped) {
        Column tags = regexp_extract_all(stripped, lit(TAG), lit(0));
        return when(stripped.notEqual("").and(stripped.notEqual(NO_TAGS)), tags);
    }

    private static Column imageOrVideo(Column stripped) {
        return when(stripped.equalTo("image"), lit("image"))
                .when(stripped.equalTo("video"), lit("video"))
                .when(stripped.equalTo("multi-video(story page format)"), lit("story"));
    }

    /**
     * JSON 1 or true → true, 0 or false → false; anything else, the strings "1" or "true" included, → null. Read from
     * the variant's JSON text ({@code to_json}: a string is quoted); {@code 1.0} also prints as {@code 1}, so a
     * 0 or 1 must also be a BIGINT.
     */
    private static Column downloaded(Column json, Column variant) {
        Column integer = schema_of_variant(variant).equalTo("BIGINT");
        return when(json.equalTo("true"), lit(true))
                .when(json.equalTo("false"), lit(false))
                .when(json.equalTo("1").and(integer), lit(true))
                .when(json.equalTo("0").and(integer), lit(false));
    }

    private static Column saveLocation(Column stripped) {
        return when(stripped.startsWith(SAVE_LOCATION_PREFIX),
                substring(stripped, SAVE_LOCATION_PREFIX.length() + 1, Integer.MAX_VALUE))
                .otherwise(TextRule.nonEmpty(stripped));
    }

    private static Column[] source() {
        return new Column[] {
            col("event_id"), col("ingested_at"), col("topic"), col("partition"), col("offset"), col("value")};
    }

    private static Column[] with(Column[] first, Column... more) {
        Column[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
