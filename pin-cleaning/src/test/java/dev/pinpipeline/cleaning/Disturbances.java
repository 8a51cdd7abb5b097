package dev.pinpipeline.cleaning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Seeded disturbances of real pins: the awkward inputs the cleaning must handle the contract's way. */
final class Disturbances {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** White space (ASCII, no-break, figure, narrow no-break, ideographic, line separator) and two non-spaces. */
    private static final List<String> PADDING = List.of(
            " ",
            "\u00a0",
            "\t",
            "\n",
            "\u2007",
            "\u202f",
            "\u3000",
            "\u2028",
            "\u0085",
            "\u200b",
            "\ufeff",
            "  \u00a0 ");

    private static final List<Object> COUNTS = List.of(
            "1.5k",
            "0.0005k",
            "2.4999999999k",
            "2.49999999995k",
            "12.5",
            "12.4",
            "3B",
            "3b",
            "7m",
            "1e3",
            "-5",
            "",
            " 7 ",
            "1 k",
            "1.k",
            ".5k",
            "9223372036854775807",
            "9223372036854775808",
            "9.3B",
            "9999999999B",
            "0.5",
            "0",
            "00012",
            "1,000",
            "abc",
            "User Info Error",
            "1.23456789012345678901234567890123456789M",
            437,
            0,
            -3,
            1.5,
            1000.0,
            true,
            new BigInteger("99999999999999999999"));

    private static final List<Object> DOWNLOADED = List.of(0, 1, true, false, "1", "true", 2, -1, 1.0, "");

    private static final List<String> TAGS = List.of(
            " a , ,b,,c\u00a0",
            ",,,",
            " ",
            "one",
            " N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e\u00a0",
            "n,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",
            "x,\u3000,y");

    private static final List<String> KINDS = List.of(
            "IMAGE", " video ", "story", "multi-video(story page format)\u00a0", "Multi-video(story page format)", "");

    private static final String LONE_SURROGATE = String.valueOf((char) 0xD800);

    private Disturbances() {}

    static String disturb(String pin, Random random) {
        try {
            return disturbed((ObjectNode) JSON.readTree(pin), random);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String disturbed(ObjectNode pin, Random random) throws Exception {
        switch (random.nextInt(40)) {
            case 0 -> {
                return "not json " + pin;
            }
            case 1 -> {
                return "[" + pin + "]";
            }
            case 2 -> pin.remove("unique_id");
            case 3 -> pin.put("unique_id", "not-a-uuid");
            case 4 -> pin.remove("index");
            case 5 ->
                pin.put(
                        "index",
                        List.of("-1", "1.5", "abc", "99999999999", " 12").get(random.nextInt(5)));
            case 6 -> pin.put("index", 1.5);
            case 7 -> pin.put("category", pin.path("category").asText() + "\u0000");
            case 8 -> pin.put("title", LONE_SURROGATE + pin.path("title").asText());
            default -> {
                // a record that is still clean, with awkward values
            }
        }
        for (String field :
                List.of("title", "description", "poster_name", "image_src", "save_location", "category", "unique_id")) {
            if (pin.hasNonNull(field) && random.nextInt(3) == 0) {
                pin.set(field, new TextNode(pad(pin.get(field).textValue(), random)));
            }
        }
        if (random.nextInt(3) == 0 && pin.has("unique_id")) {
            pin.put("unique_id", pin.get("unique_id").textValue().toUpperCase(Locale.ROOT));
        }
        if (random.nextInt(3) == 0) {
            pin.put("index", String.valueOf(pin.get("index")).replace("\"", ""));
        }
        if (random.nextInt(4) == 0) {
            pin.put("category", pin.path("category").asText().toUpperCase(Locale.ROOT));
        }
        if (random.nextInt(6) == 0) {
            pin.put(
                    "title",
                    pad(
                            List.of("No Title Data Available", "no title data available", "Untitled")
                                    .get(random.nextInt(3)),
                            random));
        }
        if (random.nextInt(6) == 0) {
            pin.put(
                    "description",
                    pad(
                            List.of(
                                            "No description available",
                                            "Untitled",
                                            "untitled",
                                            "No description available Story format")
                                    .get(random.nextInt(4)),
                            random));
        }
        if (random.nextInt(2) == 0) {
            setValue(pin, "follower_count", COUNTS.get(random.nextInt(COUNTS.size())), random);
        }
        if (random.nextInt(3) == 0) {
            setValue(pin, "downloaded", DOWNLOADED.get(random.nextInt(DOWNLOADED.size())), random);
        }
        if (random.nextInt(3) == 0) {
            pin.put("tag_list", pad(TAGS.get(random.nextInt(TAGS.size())), random));
        }
        if (random.nextInt(4) == 0) {
            pin.put("is_image_or_video", KINDS.get(random.nextInt(KINDS.size())));
        }
        if (random.nextInt(8) == 0) {
            pin.put(
                    "save_location",
                    List.of("local save in /data/art", "Local save in ", "/data/art", "Local save in Local save in /x")
                            .get(random.nextInt(4)));
        }
        if (random.nextInt(10) == 0) {
            pin.remove(List.of("title", "poster_name", "follower_count", "tag_list", "downloaded", "category")
                    .get(random.nextInt(6)));
        }
        if (random.nextInt(10) == 0) {
            pin.putNull(
                    List.of("title", "follower_count", "tag_list", "downloaded").get(random.nextInt(4)));
        }
        // Jackson writes a lone surrogate as it is, which no UTF-8 record can hold: as JSON's escape instead
        return JSON.writeValueAsString(pin).replace(LONE_SURROGATE, "\\ud800");
    }

    private static void setValue(ObjectNode pin, String field, Object value, Random random) {
        if (value instanceof String text) {
            pin.put(field, random.nextInt(4) == 0 ? pad(text, random) : text);
        } else if (value instanceof Integer number) {
            pin.put(field, number);
        } else if (value instanceof Double number) {
            pin.put(field, number);
        } else if (value instanceof Boolean flag) {
            pin.put(field, flag);
        } else if (value instanceof BigInteger number) {
            pin.set(field, NODES.numberNode(number));
        }
    }

    private static String pad(String text, Random random) {
        String before = random.nextBoolean() ? PADDING.get(random.nextInt(PADDING.size())) : "";
        String after = random.nextBoolean() ? PADDING.get(random.nextInt(PADDING.size())) : "";
        return before + text + after;
    }
}
