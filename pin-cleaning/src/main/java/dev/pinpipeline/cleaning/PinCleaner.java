package dev.pinpipeline.cleaning;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The contract's cleaning of one raw value (docs/pin-data-contract.md §1–2) in plain Java: one streaming parse of the
 * value's UTF-8 bytes (Jackson, the parser Spark's own JSON reader uses, strict JSON), each field read the way its
 * rule needs it (the JSON type decides {@code index}, {@code follower_count} and {@code downloaded}), no tree, no
 * regular expression. {@link PinCleaning} runs it once per record.
 *
 * <p>A text field that holds another JSON value is read as its JSON text ({@code title: 5} → {@code "5"}, an object
 * as its compact JSON), as Spark's {@code from_json} hands such a value to a string column. Unknown fields are
 * skipped. As with {@code from_json}, only the first JSON value of the text is read (see the README's known
 * leniency); a repeated name counts its last value.
 */
final class PinCleaner {

    static final String NO_TAGS = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";
    static final String SAVE_LOCATION_PREFIX = "Local save in ";

    private static final JsonFactory JSON = new JsonFactory();

    private PinCleaner() {}

    /**
     * One raw value (UTF-8 bytes, null allowed) → a row of {@link PinCleaning#CLEANED_STRUCT}: the cleaned columns
     * and the reject reason (null when clean; a value that is not a JSON object has only the reason).
     */
    static Row clean(byte[] value) {
        if (value == null) {
            return rejected(PinCleaning.NOT_A_JSON_OBJECT);
        }
        boolean utf8 = ForbiddenText.isUtf8(value);
        try {
            // bytes that are not UTF-8 are read as text with U+FFFD in their place, as Spark's from_json read them
            RawPin pin = RawPin.read(
                    utf8 ? JSON.createParser(value) : JSON.createParser(new String(value, StandardCharsets.UTF_8)));
            if (pin == null) {
                return rejected(PinCleaning.NOT_A_JSON_OBJECT);
            }
            return pin.cleaned(!utf8 || ForbiddenText.inJson(JSON, value));
        } catch (IOException notJson) {
            return rejected(PinCleaning.NOT_A_JSON_OBJECT);
        }
    }

    private static Row rejected(String reason) {
        return RowFactory.create(null, null, null, null, null, null, null, null, null, null, null, null, reason);
    }

    /** The contract's fields as read from the JSON, before the text rule; absent or JSON null → null. */
    private static final class RawPin {

        boolean hasIndex;
        Integer ind;
        String uniqueId;
        String title;
        String description;
        String posterName;
        Long followerCount;
        String tagList;
        String kind;
        String imageSrc;
        Boolean downloaded;
        String saveLocation;
        String category;

        /** The pin, or null when the JSON value is not an object; throws when the text is not JSON. */
        static RawPin read(JsonParser json) throws IOException {
            try (json) {
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                RawPin pin = new RawPin();
                for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
                    JsonToken token = json.nextToken();
                    switch (name) {
                        case "index" -> {
                            pin.hasIndex = token != JsonToken.VALUE_NULL;
                            pin.ind = index(json, token);
                        }
                        case "unique_id" -> pin.uniqueId = text(json, token);
                        case "title" -> pin.title = text(json, token);
                        case "description" -> pin.description = text(json, token);
                        case "poster_name" -> pin.posterName = text(json, token);
                        case "follower_count" -> pin.followerCount = followerCount(json, token);
                        case "tag_list" -> pin.tagList = text(json, token);
                        case "is_image_or_video" -> pin.kind = text(json, token);
                        case "image_src" -> pin.imageSrc = text(json, token);
                        case "downloaded" -> pin.downloaded = downloaded(json, token);
                        case "save_location" -> pin.saveLocation = text(json, token);
                        case "category" -> pin.category = text(json, token);
                        default -> json.skipChildren();
                    }
                }
                return pin;
            }
        }

        /**
         * The rules of §2 over the fields, and the reject reason (null when clean): the forbidden text of §1 when
         * {@code forbiddenText}, else the first of the rules' reasons that applies. A reject's columns are filled as
         * far as they can be cleaned (unique_id then lower-cased only), as for a clean pin.
         */
        Row cleaned(boolean forbiddenText) {
            String id = TextRule.strip(uniqueId);
            String uuid = id == null ? null : canonicalUuid(id);
            String reason = forbiddenText
                    ? PinCleaning.FORBIDDEN_TEXT
                    : id == null
                            ? PinCleaning.MISSING_UNIQUE_ID
                            : uuid == null
                                    ? PinCleaning.UNIQUE_ID_NOT_A_UUID
                                    : !hasIndex
                                            ? PinCleaning.MISSING_INDEX
                                            : ind == null ? PinCleaning.INDEX_NOT_AN_INTEGER : null;
            return RowFactory.create(
                    ind,
                    uuid != null ? uuid : lowerCase(id),
                    withoutPlaceholders(title, "No Title Data Available"),
                    withoutPlaceholders(
                            description,
                            "No description available Story format",
                            "No description available",
                            "Untitled"),
                    withoutPlaceholders(posterName, "User Info Error"),
                    followerCount,
                    tags(TextRule.strip(tagList)),
                    imageOrVideo(TextRule.strip(kind)),
                    withoutPlaceholders(imageSrc, "Image src error."),
                    downloaded,
                    saveLocation(TextRule.strip(saveLocation)),
                    lowerCase(TextRule.strip(category)),
                    reason);
        }
    }

    private static String lowerCase(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** A string's content; a number, boolean, object or array as its JSON text; null → null. */
    private static String text(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> json.getText();
            case VALUE_NULL -> null;
            // Integer, Long or BigInteger, or Double: printed as Jackson's generator prints them (-0 → 0, 1e3 → 1000.0)
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.getNumberValue().toString();
            case VALUE_TRUE, VALUE_FALSE -> json.getText();
            default -> {
                StringWriter text = new StringWriter();
                try (JsonGenerator generator = JSON.createGenerator(text)) {
                    generator.copyCurrentStructure(json);
                }
                yield text.toString();
            }
        };
    }

    /** A JSON integer or a string of digits, fitting a non-negative int; anything else → null. */
    private static Integer index(JsonParser json, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return json.getNumberType() == JsonParser.NumberType.INT && json.getIntValue() >= 0
                    ? json.getIntValue()
                    : null;
        }
        if (token == JsonToken.VALUE_STRING) {
            String digits = json.getText();
            if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            try {
                return Integer.valueOf(digits);
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        json.skipChildren();
        return null;
    }

    /** A non-negative JSON integer fitting a bigint, or a string read by {@link #count}; anything else → null. */
    private static Long followerCount(JsonParser json, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return json.getNumberType() != JsonParser.NumberType.BIG_INTEGER && json.getLongValue() >= 0
                    ? json.getLongValue()
                    : null;
        }
        if (token == JsonToken.VALUE_STRING) {
            return count(TextRule.strip(json.getText()));
        }
        json.skipChildren();
        return null;
    }

    /**
     * Digits, optionally a decimal point and more digits, optionally one of k, M, B (either case) → the number × 1,
     * 10³, 10⁶, 10⁹, rounded half up; null when the text is not of that form or the count does not fit a bigint.
     * Exact without decimals: the suffix moves the point by {@code shift} places, so the integer is the digits up to
     * there, and half-up rounding depends only on the next digit.
     */
    static Long count(String text) {
        if (text == null) {
            return null;
        }
        int end = text.length();
        int shift = switch (text.charAt(end - 1)) {
            case 'k', 'K' -> 3;
            case 'm', 'M' -> 6;
            case 'b', 'B' -> 9;
            default -> 0;
        };
        end -= shift == 0 ? 0 : 1;
        int point = end;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.' && point == end && i > 0) {
                point = i;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        if (end == 0 || point == end - 1) {
            return null;
        }
        try {
            long count = Long.parseLong(text, 0, point, 10);
            for (int place = 1; place <= shift; place++) {
                count = Math.addExact(Math.multiplyExact(count, 10), digit(text, point + place, end));
            }
            return digit(text, point + shift + 1, end) >= 5 ? Math.addExact(count, 1) : count;
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return null;
        }
    }

    /** The digit at {@code i}, or 0 past the end. */
    private static int digit(String text, int i, int end) {
        return i < end ? text.charAt(i) - '0' : 0;
    }

    /** JSON true or 1 → true, false or 0 → false; anything else (the strings "1" or "true" included) → null. */
    private static Boolean downloaded(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NUMBER_INT ->
                json.getNumberType() != JsonParser.NumberType.INT
                        ? null
                        : json.getIntValue() == 1 ? Boolean.TRUE : json.getIntValue() == 0 ? Boolean.FALSE : null;
            default -> {
                json.skipChildren();
                yield null;
            }
        };
    }

    /** A canonical 8-4-4-4-12 hex UUID in lower case, or null when the text is not one (either case). */
    private static String canonicalUuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        boolean upper = false;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
            } else if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return upper ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The text rule, then null for an (exact, case-sensitive) placeholder. */
    private static String withoutPlaceholders(String raw, String... placeholders) {
        String text = TextRule.strip(raw);
        for (String placeholder : placeholders) {
            if (placeholder.equals(text)) {
                return null;
            }
        }
        return text;
    }

    /** Split on commas, each tag by the text rule, empty tags dropped, order kept; none left or the placeholder → null. */
    private static String[] tags(String text) {
        if (text == null || text.equals(NO_TAGS)) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (int start = 0; start <= text.length(); ) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String tag = TextRule.strip(text, start, end);
            if (tag != null) {
                tags.add(tag);
            }
            start = end + 1;
        }
        return tags.isEmpty() ? null : tags.toArray(String[]::new);
    }

    private static String imageOrVideo(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "image" -> "image";
            case "video" -> "video";
            case "multi-video(story page format)" -> "story";
            default -> null;
        };
    }

    private static String saveLocation(String text) {
        return text != null && text.startsWith(SAVE_LOCATION_PREFIX)
                ? text.substring(SAVE_LOCATION_PREFIX.length())
                : text;
    }
}
