package dev.pinpipeline.emulator.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PinGeneratorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theSameSeedGeneratesTheSamePins() {
        assertThat(take(new PinGenerator(7), 500)).isEqualTo(take(new PinGenerator(7), 500));
    }

    @Test
    void aDifferentSeedGeneratesDifferentPins() {
        assertThat(take(new PinGenerator(7), 20)).isNotEqualTo(take(new PinGenerator(8), 20));
    }

    @Test
    void aRowIsAlwaysTheSamePinSoPinsRepeatAsInTheRealFeed() {
        PinGenerator generator = new PinGenerator(7);

        assertThat(generator.pinFor(4_242))
                .isEqualTo(new PinGenerator(7).pinFor(4_242))
                .isNotEqualTo(generator.pinFor(4_243));
        List<String> pins = take(generator, 20_000);
        assertThat(pins.stream().distinct().count())
                .isLessThan(pins.size())
                .isLessThanOrEqualTo(PinGenerator.TABLE_ROWS);
    }

    @Test
    void everyGeneratedPinHasTheContractsRequiredFieldsAndConsistentValues() {
        for (String text : take(new PinGenerator(11), 3_000)) {
            JsonNode pin = JSON.readTree(text);
            assertThat(pin.get("index").asInt()).isBetween(0, PinGenerator.TABLE_ROWS - 1);
            assertThat(UUID.fromString(pin.get("unique_id").asString()).version())
                    .isEqualTo(4);
            assertThat(PinGenerator.Sample.CATEGORIES)
                    .contains(pin.get("category").asString());
            assertThat(pin.get("save_location").asString())
                    .isEqualTo("Local save in /data/" + pin.get("category").asString());
            assertThat(pin.get("downloaded").asInt())
                    .isEqualTo(pin.get("image_src").asString().equals(PinGenerator.IMAGE_SRC_ERROR) ? 0 : 1);
            assertThat(pin.get("follower_count").asString()).matches("\\d+[kM]?|User Info Error");
            assertThat(pin.get("tag_list").asString().split(",")).hasSizeGreaterThanOrEqualTo(9);
            List<String> fields = new ArrayList<>(pin.propertyNames());
            assertThat(fields)
                    .containsExactlyElementsOf(
                            pin.has("poster_name")
                                    ? List.of(
                                            "index",
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
                                            "category")
                                    : List.of(
                                            "category",
                                            "index",
                                            "unique_id",
                                            "title",
                                            "description",
                                            "follower_count",
                                            "tag_list",
                                            "is_image_or_video",
                                            "image_src",
                                            "downloaded",
                                            "save_location"));
        }
    }

    private static List<String> take(PinSource source, int count) {
        List<String> pins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pins.add(source.next());
        }
        return pins;
    }
}
