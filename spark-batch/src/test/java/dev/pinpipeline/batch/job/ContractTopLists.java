package dev.pinpipeline.batch.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinpipeline.batch.report.DayResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The day's top posters and top tags computed from raw pins in plain Java, following docs/pin-data-contract.md §2
 * (text rule, poster_name, follower_count, tag_list, unique_id) and the ranking DailyAnalytics documents: an
 * expectation independent of Spark and of pin-cleaning.
 */
final class ContractTopLists {

    private static final String NO_TAGS = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";
    private static final Pattern COUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)([kKmMbB]?)");

    private ContractTopLists() {}

    /** Posters with a name and a known follower count: their highest count, posts and pins; most followers first. */
    static List<DayResult.TopPoster> topPosters(List<JsonNode> pins, int limit) {
        Map<String, Long> followers = new HashMap<>();
        Map<String, Long> posts = new HashMap<>();
        Map<String, Set<String>> distinct = new HashMap<>();
        for (JsonNode pin : pins) {
            String name = text(pin.get("poster_name"));
            Long count = followerCount(pin.get("follower_count"));
            if (name == null || name.equals("User Info Error") || count == null) {
                continue;
            }
            followers.merge(name, count, Math::max);
            posts.merge(name, 1L, Long::sum);
            distinct.computeIfAbsent(name, n -> new HashSet<>()).add(uniqueId(pin));
        }
        List<String> ranked = followers.keySet().stream()
                .sorted(Comparator.comparing((String name) -> -followers.get(name))
                        .thenComparing(name -> name))
                .limit(limit)
                .toList();
        List<DayResult.TopPoster> top = new ArrayList<>();
        for (String name : ranked) {
            top.add(new DayResult.TopPoster(
                    top.size() + 1,
                    name,
                    followers.get(name),
                    posts.get(name),
                    distinct.get(name).size()));
        }
        return top;
    }

    /** Tags on the most posts (a tag twice in one post counts once), with their distinct pins. */
    static List<DayResult.TopTag> topTags(List<JsonNode> pins, int limit) {
        Map<String, Long> posts = new HashMap<>();
        Map<String, Set<String>> distinct = new HashMap<>();
        for (JsonNode pin : pins) {
            for (String tag : tags(pin.get("tag_list"))) {
                posts.merge(tag, 1L, Long::sum);
                distinct.computeIfAbsent(tag, t -> new HashSet<>()).add(uniqueId(pin));
            }
        }
        List<String> ranked = posts.keySet().stream()
                .sorted(Comparator.comparing((String tag) -> -posts.get(tag)).thenComparing(tag -> tag))
                .limit(limit)
                .toList();
        List<DayResult.TopTag> top = new ArrayList<>();
        for (String tag : ranked) {
            top.add(new DayResult.TopTag(
                    top.size() + 1, tag, posts.get(tag), distinct.get(tag).size()));
        }
        return top;
    }

    /** The distinct tags of one post, in order; none for the placeholder or a missing list. */
    private static Set<String> tags(JsonNode tagList) {
        String list = text(tagList);
        Set<String> tags = new LinkedHashSet<>();
        if (list == null || list.equals(NO_TAGS)) {
            return tags;
        }
        for (String part : list.split(",", -1)) {
            String tag = textRule(part);
            if (tag != null) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static Long followerCount(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong() >= 0 ? value.asLong() : null;
        }
        String text = text(value);
        Matcher number = text == null ? null : COUNT.matcher(text);
        if (number == null || !number.matches()) {
            return null;
        }
        long unit = switch (number.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            case "b" -> 1_000_000_000L;
            default -> 1L;
        };
        return new BigDecimal(number.group(1))
                .multiply(BigDecimal.valueOf(unit))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    private static String uniqueId(JsonNode pin) {
        return textRule(pin.get("unique_id").asText()).toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() || !value.isValueNode() ? null : textRule(value.asText());
    }

    /** Leading and trailing white space stripped, Unicode spaces (U+00A0…) included; empty → null. */
    private static String textRule(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && isSpace(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return start == end ? null : value.substring(start, end);
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85;
    }
}
