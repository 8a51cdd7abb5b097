package dev.pinpipeline.cleaning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract's §2 written a second time, independently of the Spark expressions: plain Java over a parsed JSON
 * tree (Jackson), regular expressions for white space, BigDecimal for counts. Tests compare the two.
 */
final class ContractReference {

    /** The expected outcome for one raw value: the cleaned pin, or the reject reason. */
    record Expected(
            String rejectReason,
            Integer ind,
            String uniqueId,
            String title,
            String description,
            String posterName,
            Long followerCount,
            List<String> tagList,
            String isImageOrVideo,
            String imageSrc,
            Boolean downloaded,
            String saveLocation,
            String category) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EDGE_WHITE_SPACE = Pattern.compile("^\\p{IsWhite_Space}+|\\p{IsWhite_Space}+$");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern COUNT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([kKmMbB]?)");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ContractReference() {}

    static Expected clean(String value) {
        JsonNode pin;
        try {
            pin = JSON.readTree(value);
        } catch (Exception notJson) {
            pin = null;
        }
        if (pin == null || !pin.isObject()) {
            return rejected("not a JSON object");
        }
        if (holdsForbiddenText(pin)) {
            return rejected("text holds NUL, an unpaired surrogate or bytes that are not UTF-8");
        }
        String uniqueId = text(pin.get("unique_id"));
        if (uniqueId == null) {
            return rejected("missing unique_id");
        }
        uniqueId = uniqueId.toLowerCase(java.util.Locale.ROOT);
        if (!UUID.matcher(uniqueId).matches()) {
            return rejected("unique_id is not a UUID");
        }
        JsonNode index = pin.get("index");
        if (index == null || index.isNull()) {
            return rejected("missing index");
        }
        Integer ind = index(index);
        if (ind == null) {
            return rejected("index is not a non-negative integer");
        }
        return new Expected(
                null,
                ind,
                uniqueId,
                placeholderToNull(text(pin.get("title")), "No Title Data Available"),
                placeholderToNull(
                        text(pin.get("description")),
                        "No description available Story format",
                        "No description available",
                        "Untitled"),
                placeholderToNull(text(pin.get("poster_name")), "User Info Error"),
                followerCount(pin.get("follower_count")),
                tagList(text(pin.get("tag_list"))),
                imageOrVideo(text(pin.get("is_image_or_video"))),
                placeholderToNull(text(pin.get("image_src")), "Image src error."),
                downloaded(pin.get("downloaded")),
                saveLocation(text(pin.get("save_location"))),
                lower(text(pin.get("category"))));
    }

    /** §1's text table over the parsed tree: a NUL or an unpaired surrogate in any name or string value. */
    static boolean holdsForbiddenText(JsonNode node) {
        if (node.isTextual()) {
            return isForbidden(node.textValue());
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            if (isForbidden(names.next())) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (holdsForbiddenText(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The text rule with a regular expression over the Unicode White_Space property. */
    static String textRule(String text) {
        if (text == null) {
            return null;
        }
        String stripped = EDGE_WHITE_SPACE.matcher(text).replaceAll("");
        return stripped.isEmpty() ? null : stripped;
    }

    private static Expected rejected(String reason) {
        return new Expected(reason, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A string's content; another JSON value as its JSON text (as Spark hands it over); absent or null → null. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return textRule(node.isTextual() ? node.textValue() : node.toString());
    }

    private static Integer index(JsonNode index) {
        if (index.isTextual()) {
            String digits = index.textValue();
            if (!digits.matches("[0-9]+")) {
                return null;
            }
            BigInteger value = new BigInteger(digits);
            return value.bitLength() < 32 ? value.intValue() : null;
        }
        return index.isIntegralNumber() && index.canConvertToInt() && index.intValue() >= 0 ? index.intValue() : null;
    }

    private static String placeholderToNull(String text, String... placeholders) {
        return text == null || Arrays.asList(placeholders).contains(text) ? null : text;
    }

    static Long followerCount(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            return value.signum() >= 0 && value.compareTo(LONG_MAX) <= 0 ? value.longValue() : null;
        }
        if (!node.isTextual()) {
            return null;
        }
        String text = textRule(node.textValue());
        Matcher count = COUNT.matcher(text == null ? "" : text);
        if (!count.matches()) {
            return null;
        }
        int shift = switch (count.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 3;
            case "m" -> 6;
            case "b" -> 9;
            default -> 0;
        };
        BigInteger rounded = new BigDecimal(count.group(1))
                .movePointRight(shift)
                .setScale(0, RoundingMode.HALF_UP)
                .toBigIntegerExact();
        return rounded.compareTo(LONG_MAX) <= 0 ? rounded.longValue() : null;
    }

    private static List<String> tagList(String text) {
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

    private static Boolean downloaded(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            return value.equals(BigInteger.ONE) ? Boolean.TRUE : value.signum() == 0 ? Boolean.FALSE : null;
        }
        return null;
    }

    private static String saveLocation(String text) {
        String prefix = "Local save in ";
        return text != null && text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(java.util.Locale.ROOT);
    }

    static final Set<String> COLUMNS = Set.of(
            "ind",
            "unique_id",
            "title",
            "description",
            "poster_name",
            "follower_count",
            "tag_list",
            "is_image_or_video",
            "image_src",
            "downloaded",
            "save_location",
            "category");
}
