package dev.pinpipeline.emulator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pinpipeline.emulator.source.PinGenerator.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures the real data's quirks in the sample (this test is the measuring script: the counts it asserts are the
 * ones written in {@link PinGenerator.Sample}) and checks that generated pins have them at the same frequencies.
 */
class SampleFrequenciesTest {

    private static final Map<String, Integer> REAL = PinQuirks.count(PinFiles.realSample());

    @Test
    void theGeneratorsCountsAreTheOnesMeasuredInTheRealSample() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("records", Sample.RECORDS);
        expected.put("shape.older", Sample.OLDER_SHAPE);
        for (int i = 0; i < Sample.CATEGORIES.size(); i++) {
            expected.put("category." + Sample.CATEGORIES.get(i), Sample.CATEGORY_COUNTS[i]);
        }
        expected.put("media.image", Sample.IMAGE);
        expected.put("media.video", Sample.VIDEO);
        expected.put("media.story", Sample.STORY);
        expected.put("story.userInfoError", Sample.STORY_USER_INFO_ERROR);
        expected.put("story.imageSrcErrorOnly", Sample.STORY_IMAGE_SRC_ERROR);
        expected.put("story.descriptionPlaceholder", Sample.STORY);
        // The user-info-error stories carry every placeholder; no other pin has the title, poster or follower one.
        expected.put("placeholder.title", Sample.STORY_USER_INFO_ERROR);
        expected.put("placeholder.poster", 10); // the 10 of those 13 stories that have the newer shape
        expected.put("placeholder.followers", Sample.STORY_USER_INFO_ERROR);
        expected.put("placeholder.imageSrc", Sample.STORY_USER_INFO_ERROR + Sample.STORY_IMAGE_SRC_ERROR);
        expected.put("downloaded.0", Sample.STORY_USER_INFO_ERROR + Sample.STORY_IMAGE_SRC_ERROR);
        expected.put("placeholder.tags", Sample.STORY_USER_INFO_ERROR + Sample.NO_TAGS);
        expected.put("notStory.tagsPlaceholder", Sample.NO_TAGS);
        expected.put("description.noDescription", Sample.NO_DESCRIPTION);
        expected.put("description.untitled", Sample.UNTITLED);
        expected.put("description.cutWithNoBreakSpace", Sample.CUT_WITH_NO_BREAK_SPACE);
        expected.put("description.cutWithoutSpace", Sample.CUT_WITHOUT_SPACE);
        expected.put("followers.k", Sample.FOLLOWERS_K);
        expected.put("followers.M", Sample.FOLLOWERS_M);
        expected.put("followers.zero", Sample.FOLLOWERS_ZERO);
        expected.put("followers.digits", Sample.FOLLOWERS_DIGITS);

        assertThat(REAL).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(Sample.NOT_STORY).isEqualTo(Sample.IMAGE + Sample.VIDEO);
        assertThat(Sample.REAL_DESCRIPTIONS).isEqualTo(Sample.NOT_STORY - Sample.NO_DESCRIPTION - Sample.UNTITLED);
        assertThat(Sample.WITH_FOLLOWERS)
                .isEqualTo(Sample.RECORDS - Sample.STORY_USER_INFO_ERROR)
                .isEqualTo(Sample.FOLLOWERS_K + Sample.FOLLOWERS_M + Sample.FOLLOWERS_ZERO + Sample.FOLLOWERS_DIGITS);
    }

    @Test
    void generatedPinsHaveEveryQuirkAtItsRealFrequency() {
        PinGenerator generator = new PinGenerator(2026);
        List<String> pins = new ArrayList<>(PinGenerator.TABLE_ROWS);
        for (int index = 0; index < PinGenerator.TABLE_ROWS; index++) {
            pins.add(generator.pinFor(index));
        }
        Map<String, Integer> generated = PinQuirks.count(pins);

        double n = pins.size();
        for (Map.Entry<String, Integer> quirk : REAL.entrySet()) {
            if (quirk.getKey().equals("records")) {
                continue;
            }
            double real = quirk.getValue() / (double) Sample.RECORDS;
            // Four standard deviations of a proportion over n draws, plus a little for the sample's own rounding.
            double tolerance = 4 * Math.sqrt(real * (1 - real) / n) + 0.002;
            assertThat(generated.get(quirk.getKey()) / n).as(quirk.getKey()).isCloseTo(real, within(tolerance));
        }
    }
}
