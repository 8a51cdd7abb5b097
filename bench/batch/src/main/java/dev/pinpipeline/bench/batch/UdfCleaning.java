package dev.pinpipeline.bench.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.udf;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.types.variant.Variant;
import org.apache.spark.unsafe.types.VariantVal;

/**
 * The baseline: the same cleaning rules as pin-cleaning, written the original's way, as one user-defined function
 * per rule (here in Java, not Python) over one Spark {@code from_json} parse (the schema pin-cleaning's column
 * expressions used before issue 18). The UDFs are written to be fast (a precomputed white-space table rather than a
 * regular expression, no per-call allocation beyond the result).
 */
final class UdfCleaning {

    /** Text fields and follower_count as strings, downloaded as a variant. */
    private static final StructType PIN_JSON = new StructType()
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
            .add("_corrupt_record", DataTypes.StringType);

    private static final boolean[] WHITE_SPACE = whiteSpaceTable();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern COUNT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([kKmMbB]?)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static final UserDefinedFunction TITLE = placeholderUdf(Set.of("No Title Data Available"));
    private static final UserDefinedFunction DESCRIPTION =
            placeholderUdf(Set.of("No description available Story format", "No description available", "Untitled"));
    private static final UserDefinedFunction POSTER_NAME = placeholderUdf(Set.of("User Info Error"));
    private static final UserDefinedFunction IMAGE_SRC = placeholderUdf(Set.of("Image src error."));
    private static final UserDefinedFunction UNIQUE_ID = udf(
            (UDF1<String, String>) raw -> {
                String text = textRule(raw);
                return text == null ? null : text.toLowerCase(Locale.ROOT);
            },
            DataTypes.StringType);
    private static final UserDefinedFunction IND = udf((UDF1<String, Integer>) UdfCleaning::ind, DataTypes.IntegerType);
    private static final UserDefinedFunction FOLLOWER_COUNT =
            udf((UDF2<String, String, Long>) UdfCleaning::followerCount, DataTypes.LongType);
    private static final UserDefinedFunction TAG_LIST =
            udf((UDF1<String, List<String>>) UdfCleaning::tagList, DataTypes.createArrayType(DataTypes.StringType));
    private static final UserDefinedFunction KIND = udf(
            (UDF1<String, String>) raw -> {
                String text = textRule(raw);
                if (text == null) {
                    return null;
                }
                return switch (text) {
                    case "image" -> "image";
                    case "video" -> "video";
                    case "multi-video(story page format)" -> "story";
                    default -> null;
                };
            },
            DataTypes.StringType);
    private static final UserDefinedFunction DOWNLOADED =
            udf((UDF1<VariantVal, Boolean>) UdfCleaning::downloaded, DataTypes.BooleanType);
    private static final UserDefinedFunction SAVE_LOCATION = udf(
            (UDF1<String, String>) raw -> {
                String text = textRule(raw);
                return text != null && text.startsWith("Local save in ") ? text.substring(14) : text;
            },
            DataTypes.StringType);
    private static final UserDefinedFunction CATEGORY = udf(
            (UDF1<String, String>) raw -> {
                String text = textRule(raw);
                return text == null ? null : text.toLowerCase(Locale.ROOT);
            },
            DataTypes.StringType);
    private static final UserDefinedFunction REASON =
            udf((UDF4<Boolean, String, String, String, String>) UdfCleaning::reason, DataTypes.StringType);

    private UdfCleaning() {}

    /** Same columns, same values as {@code PinCleaning.classify}. */
    static Dataset<Row> classify(Dataset<Row> rawEvents) {
        return parseOnly(rawEvents)
                .select(
                        IND.apply(field("index")).as("ind"),
                        UNIQUE_ID.apply(field("unique_id")).as("unique_id"),
                        TITLE.apply(field("title")).as("title"),
                        DESCRIPTION.apply(field("description")).as("description"),
                        POSTER_NAME.apply(field("poster_name")).as("poster_name"),
                        FOLLOWER_COUNT
                                .apply(field("follower_count"), col("value"))
                                .as("follower_count"),
                        TAG_LIST.apply(field("tag_list")).as("tag_list"),
                        KIND.apply(field("is_image_or_video")).as("is_image_or_video"),
                        IMAGE_SRC.apply(field("image_src")).as("image_src"),
                        DOWNLOADED.apply(field("downloaded")).as("downloaded"),
                        SAVE_LOCATION.apply(field("save_location")).as("save_location"),
                        CATEGORY.apply(field("category")).as("category"),
                        col("ingested_at"),
                        col("event_id"),
                        col("topic"),
                        col("partition"),
                        col("offset"),
                        col("value"),
                        REASON.apply(col("pin").isNull(), field("_corrupt_record"), field("unique_id"), field("index"))
                                .as("reject_reason"));
    }

    /** The parse alone (the same from_json), every parsed field kept: the floor both versions share. */
    static Dataset<Row> parseOnly(Dataset<Row> rawEvents) {
        return rawEvents.select(
                col("event_id"),
                col("ingested_at"),
                col("topic"),
                col("partition"),
                col("offset"),
                col("value"),
                from_json(col("value"), PIN_JSON, Map.of("columnNameOfCorruptRecord", "_corrupt_record"))
                        .as("pin"));
    }

    private static Column field(String name) {
        return col("pin." + name);
    }

    private static UserDefinedFunction placeholderUdf(Set<String> placeholders) {
        return udf(
                (UDF1<String, String>) raw -> {
                    String text = textRule(raw);
                    return text == null || placeholders.contains(text) ? null : text;
                },
                DataTypes.StringType);
    }

    static String textRule(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && isWhiteSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(text.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : text.substring(start, end);
    }

    private static boolean isWhiteSpace(char c) {
        return WHITE_SPACE[c];
    }

    private static Integer ind(String index) {
        if (index == null || index.isEmpty()) {
            return null;
        }
        for (int i = 0; i < index.length(); i++) {
            if (index.charAt(i) < '0' || index.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Integer.valueOf(index);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /**
     * The field as pin-cleaning parses it: a string's content, or a number's JSON text. The two readings differ only
     * for {@code digits.digits} (a count as a string, not as a number): then the raw value says which it was.
     */
    private static Long followerCount(String field, String rawValue) {
        String text = textRule(field);
        if (text == null || !COUNT.matcher(text).matches()) {
            return null;
        }
        char last = text.charAt(text.length() - 1);
        int shift = switch (last) {
            case 'k', 'K' -> 3;
            case 'm', 'M' -> 6;
            case 'b', 'B' -> 9;
            default -> 0;
        };
        String number = shift == 0 ? text : text.substring(0, text.length() - 1);
        if (shift == 0 && number.indexOf('.') < 0) {
            return number.length() <= 18 ? Long.valueOf(number) : exactLong(new BigDecimal(number));
        }
        if (shift == 0 && !isJsonString(rawValue, "follower_count")) {
            return null;
        }
        return exactLong(new BigDecimal(number).movePointRight(shift).setScale(0, RoundingMode.HALF_UP));
    }

    private static Long exactLong(BigDecimal integer) {
        BigInteger value = integer.toBigIntegerExact();
        return value.compareTo(LONG_MAX) <= 0 ? value.longValue() : null;
    }

    private static boolean isJsonString(String json, String field) {
        try {
            return JSON.readTree(json).path(field).isTextual();
        } catch (Exception e) {
            return false;
        }
    }

    /** JSON 1 or true → true, 0 or false → false, by the variant's type (1.0 is a decimal, "1" a string). */
    private static Boolean downloaded(VariantVal value) {
        if (value == null) {
            return null;
        }
        Variant variant = new Variant(value.getValue(), value.getMetadata());
        return switch (variant.getType()) {
            case BOOLEAN -> variant.getBoolean();
            case LONG -> variant.getLong() == 1 ? Boolean.TRUE : variant.getLong() == 0 ? Boolean.FALSE : null;
            default -> null;
        };
    }

    private static List<String> tagList(String raw) {
        String text = textRule(raw);
        if (text == null || text.equals("N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e")) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (String tag : text.split(",", -1)) {
            String trimmed = textRule(tag);
            if (trimmed != null) {
                tags.add(trimmed);
            }
        }
        return tags.isEmpty() ? null : tags;
    }

    private static String reason(Boolean notParsed, String corrupt, String uniqueIdRaw, String index) {
        if (Boolean.TRUE.equals(notParsed) || corrupt != null) {
            return "not a JSON object";
        }
        String uniqueId = textRule(uniqueIdRaw);
        if (uniqueId == null) {
            return "missing unique_id";
        }
        if (!UUID.matcher(uniqueId.toLowerCase(Locale.ROOT)).matches()) {
            return "unique_id is not a UUID";
        }
        if (index == null) {
            return "missing index";
        }
        return ind(index) == null ? "index is not a non-negative integer" : null;
    }

    private static boolean[] whiteSpaceTable() {
        Pattern whiteSpace = Pattern.compile("\\p{IsWhite_Space}");
        boolean[] table = new boolean[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            table[c] = whiteSpace.matcher(String.valueOf((char) c)).matches();
        }
        return table;
    }
}
