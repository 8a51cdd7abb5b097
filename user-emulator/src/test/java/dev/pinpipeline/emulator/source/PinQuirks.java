package dev.pinpipeline.emulator.source;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts the real data's quirks in a list of pins: the measurement behind {@link PinGenerator.Sample}, applied
 * alike to the real sample and to generated pins.
 */
final class PinQuirks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PinQuirks() {}

    /** Quirk name → number of pins that have it; "records" is the number of pins. */
    static Map<String, Integer> count(List<String> pins) {
        List<JsonNode> nodes = pins.stream().map(JSON::readTree).toList();
        Map<String, Integer> counts = new TreeMap<>();
        counts.put("records", nodes.size());
        count(
                counts,
                nodes,
                "shape.older",
                pin -> !pin.has("poster_name")
                        && pin.propertyNames().iterator().next().equals("category"));
        for (String category : PinGenerator.Sample.CATEGORIES) {
            count(
                    counts,
                    nodes,
                    "category." + category,
                    pin -> text(pin, "category").equals(category));
        }
        count(
                counts,
                nodes,
                "media.image",
                pin -> text(pin, "is_image_or_video").equals("image"));
        count(
                counts,
                nodes,
                "media.video",
                pin -> text(pin, "is_image_or_video").equals("video"));
        count(counts, nodes, "media.story", PinQuirks::isStory);
        count(
                counts,
                nodes,
                "story.userInfoError",
                pin -> isStory(pin)
                        && text(pin, "follower_count").equals(PinGenerator.USER_INFO_ERROR)
                        && text(pin, "title").equals(PinGenerator.NO_TITLE)
                        && text(pin, "tag_list").equals(PinGenerator.NO_TAGS)
                        && text(pin, "image_src").equals(PinGenerator.IMAGE_SRC_ERROR)
                        && (!pin.has("poster_name") || text(pin, "poster_name").equals(PinGenerator.USER_INFO_ERROR)));
        count(
                counts,
                nodes,
                "story.imageSrcErrorOnly",
                pin -> isStory(pin)
                        && text(pin, "image_src").equals(PinGenerator.IMAGE_SRC_ERROR)
                        && !text(pin, "follower_count").equals(PinGenerator.USER_INFO_ERROR));
        count(
                counts,
                nodes,
                "story.descriptionPlaceholder",
                pin -> isStory(pin) && text(pin, "description").equals(PinGenerator.NO_DESCRIPTION_STORY));
        count(counts, nodes, "placeholder.title", pin -> text(pin, "title").equals(PinGenerator.NO_TITLE));
        count(
                counts,
                nodes,
                "placeholder.poster",
                pin -> text(pin, "poster_name").equals(PinGenerator.USER_INFO_ERROR));
        count(
                counts,
                nodes,
                "placeholder.followers",
                pin -> text(pin, "follower_count").equals(PinGenerator.USER_INFO_ERROR));
        count(
                counts,
                nodes,
                "placeholder.imageSrc",
                pin -> text(pin, "image_src").equals(PinGenerator.IMAGE_SRC_ERROR));
        count(counts, nodes, "placeholder.tags", pin -> text(pin, "tag_list").equals(PinGenerator.NO_TAGS));
        count(
                counts,
                nodes,
                "notStory.tagsPlaceholder",
                pin -> !isStory(pin) && text(pin, "tag_list").equals(PinGenerator.NO_TAGS));
        count(
                counts,
                nodes,
                "description.noDescription",
                pin -> text(pin, "description").equals(PinGenerator.NO_DESCRIPTION));
        count(
                counts,
                nodes,
                "description.untitled",
                pin -> text(pin, "description").equals(PinGenerator.UNTITLED));
        count(
                counts,
                nodes,
                "description.cutWithNoBreakSpace",
                pin -> text(pin, "description").endsWith("…\u00A0"));
        count(
                counts,
                nodes,
                "description.cutWithoutSpace",
                pin -> text(pin, "description").endsWith("…"));
        count(counts, nodes, "followers.k", pin -> text(pin, "follower_count").matches("\\d+k"));
        count(counts, nodes, "followers.M", pin -> text(pin, "follower_count").matches("\\d+M"));
        count(
                counts,
                nodes,
                "followers.zero",
                pin -> text(pin, "follower_count").equals("0"));
        count(
                counts,
                nodes,
                "followers.digits",
                pin -> text(pin, "follower_count").matches("[1-9]\\d*"));
        count(counts, nodes, "downloaded.0", pin -> pin.path("downloaded").asInt(-1) == 0);
        return counts;
    }

    private static boolean isStory(JsonNode pin) {
        return text(pin, "is_image_or_video").equals(PinGenerator.STORY);
    }

    private static String text(JsonNode pin, String field) {
        return pin.path(field).asString("");
    }

    private static void count(Map<String, Integer> counts, List<JsonNode> pins, String quirk, Predicate<JsonNode> has) {
        counts.put(quirk, (int) pins.stream().filter(has).count());
    }
}
