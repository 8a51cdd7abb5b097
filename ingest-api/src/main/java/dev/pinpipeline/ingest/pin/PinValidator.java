package dev.pinpipeline.ingest.pin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a raw pin against the data contract's §1 (docs/pin-data-contract.md) and keeps only its fields.
 *
 * <p>Rules: {@code index} (a non-negative integer up to 2147483647, or a string of ASCII digits with such a value),
 * {@code unique_id} (a UUID in 8-4-4-4-12 hex form, either case) and {@code category} (a string) are required;
 * a required string that is empty once the contract's text rule strips its white space counts as missing
 * ({@link #isWhiteSpace}). The optional fields must have the contract's JSON type when present, and JSON null
 * counts as absent. No string value may hold U+0000 or an unpaired surrogate (the contract's §1 text table,
 * {@link #forbiddenText}): PostgreSQL cannot store the one, UTF-8 cannot encode the other, so downstream they would
 * turn into something else; every other character is kept. Unknown fields are dropped, never an error (the original API ignored them too). Values that
 * pass are kept exactly as sent, e.g. an {@code index} sent as {@code "12"} stays a string: cleaning them is the
 * Spark jobs' job. Only the record key is normalised: the {@code unique_id} in lower case.
 *
 * <p>Every offending field is reported, not only the first, so a client fixes its payload in one go.
 */
public final class PinValidator {

    static final String INDEX = "index";

    static final String UNIQUE_ID = "unique_id";

    static final String CATEGORY = "category";

    static final String FOLLOWER_COUNT = "follower_count";

    static final String DOWNLOADED = "downloaded";

    /** The optional fields whose only accepted JSON type is a string. */
    static final List<String> OPTIONAL_TEXT_FIELDS = List.of(
            "title", "description", "poster_name", "tag_list", "is_image_or_video", "image_src", "save_location");

    /** All the contract's fields, in the contract's order: the only ones that reach Kafka. */
    public static final List<String> CONTRACT_FIELDS = List.of(
            INDEX,
            UNIQUE_ID,
            "title",
            "description",
            "poster_name",
            FOLLOWER_COUNT,
            "tag_list",
            "is_image_or_video",
            "image_src",
            DOWNLOADED,
            "save_location",
            CATEGORY);

    private static final int MAX_INDEX_DIGITS = 10;

    /**
     * The Unicode White_Space characters, which the contract's text rule strips: neither {@link String#isBlank}
     * (no U+00A0, U+2007, U+202F) nor {@link Character#isSpaceChar} (no tab or line feed) is that set.
     */
    private static final Pattern ONLY_WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}*");

    private static final String EMPTY_TEXT = "is required: the string is empty once white space is stripped";

    public PinCheck check(JsonNode body) {
        if (!(body instanceof ObjectNode pin)) {
            return new PinCheck.Invalid(
                    List.of(new FieldProblem("$", "must be a JSON object (a pin), not " + describe(body))));
        }
        List<FieldProblem> problems = new ArrayList<>(2);
        checkIndex(pin.get(INDEX), problems);
        JsonNode uniqueId = pin.get(UNIQUE_ID);
        checkUniqueId(uniqueId, problems);
        checkCategory(pin.get(CATEGORY), problems);
        for (String field : OPTIONAL_TEXT_FIELDS) {
            JsonNode value = pin.get(field);
            if (isPresent(value) && !value.isString()) {
                problems.add(new FieldProblem(field, "must be a string, not " + describe(value)));
            } else if (isPresent(value)) {
                checkText(field, value, problems);
            }
        }
        checkFollowerCount(pin.get(FOLLOWER_COUNT), problems);
        checkDownloaded(pin.get(DOWNLOADED), problems);
        if (!problems.isEmpty()) {
            return new PinCheck.Invalid(problems);
        }
        if (pin.size() > countContractFields(pin)) {
            pin.retain(CONTRACT_FIELDS);
        }
        return new PinCheck.Valid(uniqueId.stringValue().toLowerCase(Locale.ROOT), pin);
    }

    private static void checkIndex(JsonNode index, List<FieldProblem> problems) {
        if (!isPresent(index)) {
            problems.add(new FieldProblem(INDEX, "is required"));
        } else if (index.isIntegralNumber()) {
            if (!index.canConvertToInt() || index.intValue() < 0) {
                problems.add(new FieldProblem(INDEX, "must be between 0 and 2147483647, not " + shown(index)));
            }
        } else if (index.isString()) {
            if (!isDigitsFittingAnInt(index.stringValue())) {
                problems.add(new FieldProblem(
                        INDEX, "must be a string of digits with a value up to 2147483647, not " + shown(index)));
            }
        } else {
            problems.add(new FieldProblem(
                    INDEX, "must be a non-negative integer or a string of digits, not " + describe(index)));
        }
    }

    private static void checkUniqueId(JsonNode uniqueId, List<FieldProblem> problems) {
        if (!isPresent(uniqueId)) {
            problems.add(new FieldProblem(UNIQUE_ID, "is required"));
        } else if (uniqueId.isString() && isEmptyByTextRule(uniqueId.stringValue())) {
            problems.add(new FieldProblem(UNIQUE_ID, EMPTY_TEXT));
        } else if (!uniqueId.isString()) {
            problems.add(new FieldProblem(UNIQUE_ID, "must be a UUID string, not " + describe(uniqueId)));
        } else if (!isUuid(uniqueId.stringValue())) {
            problems.add(new FieldProblem(
                    UNIQUE_ID, "must be a UUID (8-4-4-4-12 hexadecimal digits), not " + shown(uniqueId)));
        }
    }

    private static void checkCategory(JsonNode category, List<FieldProblem> problems) {
        if (!isPresent(category)) {
            problems.add(new FieldProblem(CATEGORY, "is required"));
        } else if (!category.isString()) {
            problems.add(new FieldProblem(CATEGORY, "must be a string, not " + describe(category)));
        } else if (isEmptyByTextRule(category.stringValue())) {
            problems.add(new FieldProblem(CATEGORY, EMPTY_TEXT));
        } else {
            checkText(CATEGORY, category, problems);
        }
    }

    /** A string value that holds text the contract forbids is reported, naming the field and where. */
    private static void checkText(String field, JsonNode value, List<FieldProblem> problems) {
        String forbidden = forbiddenText(value.stringValue());
        if (forbidden != null) {
            problems.add(new FieldProblem(field, forbidden));
        }
    }

    /**
     * Why the contract refuses {@code text}, or null when it may hold it: U+0000 (PostgreSQL's text cannot hold it)
     * or an unpaired surrogate (not a character; UTF-8 cannot encode it). Every other character, the other control
     * characters and the non-characters included, is kept byte for byte.
     */
    static String forbiddenText(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not hold U+0000 (NUL), found at character " + i
                        + ": PostgreSQL text cannot store it, so the pin could not be kept as sent";
            }
            if (Character.isSurrogate(c)) {
                boolean paired =
                        Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return String.format(
                            Locale.ROOT,
                            "must not hold an unpaired surrogate (\\u%04x at character %d): "
                                    + "it is not a character and UTF-8 cannot encode it",
                            (int) c,
                            i);
                }
                i++;
            }
        }
        return null;
    }

    private static void checkFollowerCount(JsonNode followerCount, List<FieldProblem> problems) {
        if (isPresent(followerCount) && !followerCount.isString() && !followerCount.isIntegralNumber()) {
            problems.add(
                    new FieldProblem(FOLLOWER_COUNT, "must be a string or an integer, not " + describe(followerCount)));
        } else if (isPresent(followerCount) && followerCount.isString()) {
            checkText(FOLLOWER_COUNT, followerCount, problems);
        }
    }

    private static void checkDownloaded(JsonNode downloaded, List<FieldProblem> problems) {
        if (!isPresent(downloaded) || downloaded.isBoolean()) {
            return;
        }
        boolean zeroOrOne = downloaded.isIntegralNumber()
                && downloaded.canConvertToInt()
                && (downloaded.intValue() == 0 || downloaded.intValue() == 1);
        if (!zeroOrOne) {
            problems.add(new FieldProblem(DOWNLOADED, "must be 0, 1, true or false, not " + shown(downloaded)));
        }
    }

    private static boolean isPresent(JsonNode value) {
        return value != null && !value.isNull();
    }

    private static int countContractFields(ObjectNode pin) {
        int count = 0;
        for (String field : CONTRACT_FIELDS) {
            if (pin.has(field)) {
                count++;
            }
        }
        return count;
    }

    /** Whether nothing is left once the contract's text rule strips the white space (§2: an empty result is null). */
    static boolean isEmptyByTextRule(String text) {
        return ONLY_WHITE_SPACE.matcher(text).matches();
    }

    /** Whether the text rule strips {@code c}: the Unicode White_Space property, as pin-cleaning's TextRule reads it. */
    static boolean isWhiteSpace(char c) {
        return isEmptyByTextRule(String.valueOf(c));
    }

    static boolean isDigitsFittingAnInt(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_INDEX_DIGITS) {
            return false;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= Integer.MAX_VALUE;
    }

    /** A UUID in its canonical text form (either case); stricter than {@link java.util.UUID#fromString}. */
    static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dashPosition = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashPosition ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The value as JSON text, cut short: a problem body should not echo a 60 KB string back. */
    static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isString()) {
            return "the string " + shown(value);
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isBoolean()) {
            return value.toString();
        }
        return "the number " + shown(value);
    }
}
