package dev.pinpipeline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples are those of docs/events.md §1, computed there independently (Python's hashlib and uuid). */
class EventIdsTest {

    private static final byte[] VALUE =
            utf8("{\"index\":7,\"unique_id\":\"0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10\",\"category\":\"art\"}");

    @Test
    void withoutAnIdempotencyKeyTheIdIsARandomVersion4Uuid() {
        UUID id = EventIds.random();
        assertThat(id.version()).isEqualTo(4);
        assertThat(EventIds.isCanonical(id.toString())).isTrue();
        assertThat(EventIds.random()).isNotEqualTo(id);
    }

    @Test
    void aPinPostedWithAnIdempotencyKeyGetsTheNameBasedUuidOfTheKeyALineFeedAndTheValue() {
        assertThat(EventIds.fromIdempotencyKey("order-42", VALUE))
                .hasToString("58eb9b16-1519-394e-a498-2f5cab718616")
                .isEqualTo(UUID.nameUUIDFromBytes(utf8("order-42\n" + new String(VALUE, StandardCharsets.UTF_8))));
    }

    @Test
    void aPinOfABulkPostAlsoNamesItsPositionInTheRequest() {
        assertThat(EventIds.fromIdempotencyKey("order-42", 1, VALUE))
                .hasToString("5fd95323-84ca-3940-981c-f3d2ea703efb");
        assertThat(EventIds.fromIdempotencyKey("order-42", 0, VALUE))
                .isNotEqualTo(EventIds.fromIdempotencyKey("order-42", 1, VALUE));
    }

    @Test
    void aRecordWithoutACanonicalIdGetsTheMd5OfItsCoordinatesAsAUuid() {
        assertThat(EventIds.coordinates("PinterestTopic", 0, 42)).isEqualTo("PinterestTopic/0/42");
        assertThat(EventIds.fromCoordinates("PinterestTopic", 0, 42)).isEqualTo("c518c75f-cf0c-4d7a-018c-e9b255b24a17");
        assertThat(EventIds.fromCoordinates("PinterestTopic", 1, 17)).isEqualTo("c8a6048f-a342-2146-9f6c-1973273dec2b");
    }

    @Test
    void aReaderTakesACanonicalHeaderElseTheIdOfTheCoordinates() {
        String header = "0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10";

        assertThat(EventIds.fromHeaderOrCoordinates(utf8(header), "PinterestTopic", 0, 42))
                .isEqualTo(header);
        assertThat(EventIds.fromHeaderOrCoordinates(utf8(header.toUpperCase()), "PinterestTopic", 0, 42))
                .isEqualTo("c518c75f-cf0c-4d7a-018c-e9b255b24a17");
        assertThat(EventIds.fromHeaderOrCoordinates(null, "PinterestTopic", 0, 42))
                .isEqualTo("c518c75f-cf0c-4d7a-018c-e9b255b24a17");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0B9F1C2E-7D4A-4F3E-9A61-2F0C5D8E7B10",
                "0b9f1c2e7d4a4f3e9a612f0c5d8e7b10",
                "{0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10}",
                "0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b1",
                "0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b1g",
                "0b9f1c2e-7d4a-4f3e-9a612-f0c5d8e7b10",
                ""
            })
    void anyOtherFormIsNotCanonical(String text) {
        assertThat(EventIds.isCanonical(text)).isFalse();
        assertThat(Pattern.compile(EventIds.REGEX).matcher(text).find()).isFalse();
    }

    @Test
    void theCanonicalFormIsLowerCase8_4_4_4_12Hex() {
        String example = "0b9f1c2e-7d4a-4f3e-9a61-2f0c5d8e7b10";
        assertThat(EventIds.isCanonical(example)).isTrue();
        assertThat(EventIds.isCanonical(utf8(example))).isTrue();
        assertThat(Pattern.compile(EventIds.REGEX).matcher(example).matches()).isTrue();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
