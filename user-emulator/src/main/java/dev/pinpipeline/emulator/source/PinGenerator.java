package dev.pinpipeline.emulator.source;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates synthetic pins with the real sample's quirks at the real sample's frequencies: placeholders,
 * {@code k}/{@code M} follower counts, story pins, descriptions cut with "…" and a trailing no-break space, both
 * field shapes (older records without {@code poster_name}, category first) and the 13 categories.
 *
 * <p>Like the original emulator, which posted random rows of an 11 154-row table, it draws a random row
 * {@code index} and builds that row's pin from the seed and the index alone: the same index always gives the
 * same pin (same {@code unique_id}), so pins repeat as in the real feed. Text is made of stock words.
 */
public final class PinGenerator implements PinSource {

    /** Rows of the original table: indexes 0..11 153. */
    static final int TABLE_ROWS = 11_154;

    static final String NO_TITLE = "No Title Data Available";
    static final String NO_DESCRIPTION_STORY = "No description available Story format";
    static final String NO_DESCRIPTION = "No description available";
    static final String UNTITLED = "Untitled";
    static final String USER_INFO_ERROR = "User Info Error";
    static final String NO_TAGS = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";
    static final String IMAGE_SRC_ERROR = "Image src error.";
    static final String STORY = "multi-video(story page format)";
    static final String CUT_WITH_NO_BREAK_SPACE = "…\u00A0";

    /**
     * Counts measured in the real sample, data/real-pins/ (1 077 records); {@code SampleFrequenciesTest} measures
     * the sample again and fails if any of these drifts from it. The generator draws each quirk with the
     * frequency these counts give, conditioned as noted (in the sample, all placeholders of a story pin appear
     * together, and only story pins have them, apart from descriptions and tags).
     */
    static final class Sample {
        static final int RECORDS = 1_077;
        /** Records in the older shape: no poster_name, category first (pins-v1-200-emulator-order.jsonl). */
        static final int OLDER_SHAPE = 200;

        static final List<String> CATEGORIES = List.of(
                "art",
                "beauty",
                "christmas",
                "diy-and-crafts",
                "education",
                "event-planning",
                "finance",
                "home-decor",
                "mens-fashion",
                "quotes",
                "tattoos",
                "travel",
                "vehicles");
        /** Records per category, in the order of {@link #CATEGORIES}. */
        static final int[] CATEGORY_COUNTS = {103, 81, 100, 86, 78, 70, 68, 69, 87, 100, 86, 89, 60};

        static final int IMAGE = 966;
        static final int VIDEO = 33;
        static final int STORY = 78;

        /** Story pins whose every user field failed: title, follower_count, poster_name, tags and image_src. */
        static final int STORY_USER_INFO_ERROR = 13;
        /** Other story pins with only the image_src placeholder. */
        static final int STORY_IMAGE_SRC_ERROR = 14;

        /** Of the 999 image and video pins: description placeholders and the no-tags placeholder. */
        static final int NOT_STORY = 999;

        static final int NO_DESCRIPTION = 18;
        static final int UNTITLED = 2;
        static final int NO_TAGS = 7;
        /** Of the 979 real descriptions: cut with "…" + U+00A0 (Pinterest's truncation), or with a bare "…". */
        static final int REAL_DESCRIPTIONS = 979;

        static final int CUT_WITH_NO_BREAK_SPACE = 386;
        static final int CUT_WITHOUT_SPACE = 12;

        /** Of the 1 064 records with a follower count (all but the user-info-error stories). */
        static final int WITH_FOLLOWERS = 1_064;

        static final int FOLLOWERS_K = 784;
        static final int FOLLOWERS_M = 77;
        static final int FOLLOWERS_ZERO = 14;
        static final int FOLLOWERS_DIGITS = 189;

        private Sample() {}
    }

    private static final List<String> WORDS = List.of(
            "easy",
            "diy",
            "ideas",
            "home",
            "simple",
            "modern",
            "vintage",
            "summer",
            "winter",
            "christmas",
            "gift",
            "art",
            "painting",
            "drawing",
            "tattoo",
            "small",
            "quotes",
            "life",
            "love",
            "travel",
            "beach",
            "road",
            "trip",
            "budget",
            "money",
            "saving",
            "tips",
            "kids",
            "crafts",
            "paper",
            "wedding",
            "party",
            "decor",
            "living",
            "room",
            "bedroom",
            "kitchen",
            "style",
            "fashion",
            "men",
            "outfit",
            "hair",
            "makeup",
            "skin",
            "care",
            "cars",
            "classic",
            "truck",
            "learning",
            "classroom",
            "teacher",
            "garden",
            "flowers",
            "minimalist",
            "cozy",
            "colorful",
            "best",
            "beautiful",
            "creative",
            "inspiration");
    private static final List<String> NAMES = List.of(
            "Bored Panda",
            "The Social Easel",
            "Kiara",
            "Mojisstyle",
            "Girl Crafts",
            "Tastemade",
            "Trendy Socialite",
            "Organize Ways",
            "Seasons Of My Home",
            "Blossom",
            "Travel with Munia",
            "The Boss Depot",
            "Glamhues",
            "Candice",
            "Intentionally Designed");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long seed;
    private final Random rows;

    public PinGenerator(long seed) {
        this.seed = seed;
        this.rows = new Random(seed);
    }

    @Override
    public String next() {
        return pinFor(rows.nextInt(TABLE_ROWS));
    }

    @Override
    public String describe() {
        return "generated pins (real-sample quirks and frequencies, " + TABLE_ROWS + " distinct rows)";
    }

    /** The pin of one table row: the same for the same seed and index. */
    public String pinFor(int index) {
        Random random = new Random(mix(seed, index));
        String category = weighted(random, Sample.CATEGORIES, Sample.CATEGORY_COUNTS);
        boolean olderShape = chance(random, Sample.OLDER_SHAPE, Sample.RECORDS);
        String media = weighted(
                random, List.of("image", "video", STORY), new int[] {Sample.IMAGE, Sample.VIDEO, Sample.STORY});
        UUID uniqueId = new UUID(
                random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);

        Pin pin = STORY.equals(media) ? story(random) : imageOrVideo(random);
        String imageSrc = pin.imageSrcError ? IMAGE_SRC_ERROR : imageUrl(random, !"image".equals(media));

        ObjectNode json = JSON.createObjectNode();
        if (olderShape) {
            json.put("category", category);
        }
        json.put("index", index);
        json.put("unique_id", uniqueId.toString());
        json.put("title", pin.title);
        json.put("description", pin.description);
        if (!olderShape) {
            json.put("poster_name", pin.userInfoError ? USER_INFO_ERROR : pick(random, NAMES));
        }
        json.put("follower_count", pin.userInfoError ? USER_INFO_ERROR : followerCount(random));
        json.put("tag_list", pin.tags);
        json.put("is_image_or_video", media);
        json.put("image_src", imageSrc);
        json.put("downloaded", pin.imageSrcError ? 0 : 1);
        json.put("save_location", "Local save in /data/" + category);
        if (!olderShape) {
            json.put("category", category);
        }
        return JSON.writeValueAsString(json);
    }

    private record Pin(String title, String description, String tags, boolean userInfoError, boolean imageSrcError) {}

    private static Pin story(Random random) {
        int kind = random.nextInt(Sample.STORY);
        if (kind < Sample.STORY_USER_INFO_ERROR) {
            return new Pin(NO_TITLE, NO_DESCRIPTION_STORY, NO_TAGS, true, true);
        }
        boolean imageSrcError = kind < Sample.STORY_USER_INFO_ERROR + Sample.STORY_IMAGE_SRC_ERROR;
        return new Pin(title(random), NO_DESCRIPTION_STORY, tags(random), false, imageSrcError);
    }

    private static Pin imageOrVideo(Random random) {
        int kind = random.nextInt(Sample.NOT_STORY);
        String description;
        if (kind < Sample.NO_DESCRIPTION) {
            description = NO_DESCRIPTION;
        } else if (kind < Sample.NO_DESCRIPTION + Sample.UNTITLED) {
            description = UNTITLED;
        } else {
            description = description(random);
        }
        String tags = chance(random, Sample.NO_TAGS, Sample.NOT_STORY) ? NO_TAGS : tags(random);
        return new Pin(title(random), description, tags, false, false);
    }

    private static String description(Random random) {
        String text = capitalize(words(random, 12 + random.nextInt(18), " "));
        int cut = random.nextInt(Sample.REAL_DESCRIPTIONS);
        if (cut < Sample.CUT_WITH_NO_BREAK_SPACE) {
            return text + CUT_WITH_NO_BREAK_SPACE;
        }
        if (cut < Sample.CUT_WITH_NO_BREAK_SPACE + Sample.CUT_WITHOUT_SPACE) {
            return text + "…";
        }
        return text + ".";
    }

    private static String followerCount(Random random) {
        int kind = random.nextInt(Sample.WITH_FOLLOWERS);
        if (kind < Sample.FOLLOWERS_K) {
            return logUniform(random, 999) + "k";
        }
        kind -= Sample.FOLLOWERS_K;
        if (kind < Sample.FOLLOWERS_M) {
            return logUniform(random, 8) + "M";
        }
        kind -= Sample.FOLLOWERS_M;
        return kind < Sample.FOLLOWERS_ZERO ? "0" : String.valueOf(logUniform(random, 999));
    }

    private static String title(Random random) {
        return capitalize(words(random, 2 + random.nextInt(7), " "));
    }

    /** Nine tags, as every real tag list but one has. */
    private static String tags(Random random) {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            if (i > 0) {
                tags.append(',');
            }
            tags.append(capitalize(words(random, 1 + random.nextInt(3), " ")));
        }
        return tags.toString();
    }

    private static String imageUrl(Random random, boolean videoThumbnail) {
        String hash = String.format("%016x%016x", random.nextLong(), random.nextLong());
        String dirs = hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash.substring(4, 6) + "/";
        return videoThumbnail
                ? "https://i.pinimg.com/videos/thumbnails/originals/" + dirs + hash + ".0000001.jpg"
                : "https://i.pinimg.com/originals/" + dirs + hash + ".jpg";
    }

    private static String words(Random random, int count, String separator) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(pick(random, WORDS));
        }
        return text.toString();
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** 1..max, skewed towards small numbers as real follower counts are. */
    private static int logUniform(Random random, int max) {
        return (int) Math.max(1, Math.min(max, Math.floor(Math.pow(max + 1, random.nextDouble()))));
    }

    private static boolean chance(Random random, int count, int outOf) {
        return random.nextInt(outOf) < count;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T weighted(Random random, List<T> values, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return values.get(i);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** SplitMix64's finalizer: neighbouring (seed, index) pairs give unrelated {@link Random} seeds. */
    private static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
