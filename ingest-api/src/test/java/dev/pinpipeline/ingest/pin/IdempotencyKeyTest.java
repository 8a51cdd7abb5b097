package dev.pinpipeline.ingest.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class IdempotencyKeyTest {

    private static final byte[] PIN = """
			{"index":1,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","category":"art","title":"café"}""".getBytes(StandardCharsets.UTF_8);

    private static IdempotencyKey keyOf(String... headerValues) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/pin");
        for (String value : headerValues) {
            request.addHeader("Idempotency-Key", value);
        }
        return IdempotencyKey.of(request);
    }

    @Test
    void theEventIdIsTheNameBasedUuidOfTheKeyALineFeedAndTheValueBytes() {
        IdempotencyKey key = keyOf("8e03978e-40d5-43e8-bc93-6894a57f9324");

        byte[] name = ("8e03978e-40d5-43e8-bc93-6894a57f9324\n" + new String(PIN, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(key.eventId(PIN)).isEqualTo(UUID.nameUUIDFromBytes(name));
        assertThat(key.eventId(PIN).version()).isEqualTo(3);
    }

    @Test
    void inABulkRequestThePositionIsPartOfTheName() {
        IdempotencyKey key = keyOf("k-1");

        byte[] name = ("k-1\n7\n" + new String(PIN, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        assertThat(key.eventId(7, PIN)).isEqualTo(UUID.nameUUIDFromBytes(name));
        assertThat(key.eventId(7, PIN)).isNotEqualTo(key.eventId(8, PIN)).isNotEqualTo(key.eventId(PIN));
    }

    @Test
    void theSameKeyAndPinGiveTheSameEventIdAndAnythingElseAnotherOne() {
        byte[] otherPin =
                new String(PIN, StandardCharsets.UTF_8).replace("art", "travel").getBytes(StandardCharsets.UTF_8);

        assertThat(keyOf("k-1").eventId(PIN))
                .isEqualTo(keyOf("k-1").eventId(PIN))
                .isNotEqualTo(keyOf("k-1").eventId(otherPin))
                .isNotEqualTo(keyOf("k-2").eventId(PIN));
    }

    @Test
    void aRequestWithoutTheHeaderHasNoKey() {
        assertThat(keyOf()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "8e03978e-40d5-43e8-bc93-6894a57f9324",
                "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"",
                "!~{}:;,/?"
            })
    void acceptsOneTo255VisibleAsciiCharactersAsSent(String value) {
        assertThat(keyOf(value).value()).isEqualTo(value);
        assertThat(keyOf("x".repeat(255)).value()).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "tab\there", "caf\u00e9", "key\u0000", "\u007f"})
    void rejectsAnythingElseAsABadRequestNamingTheHeader(String value) {
        assertThatExceptionOfType(PinRejectedException.class)
                .isThrownBy(() -> keyOf(value))
                .satisfies(ex -> assertThat(ex.reason()).isEqualTo(RejectionReason.INVALID_IDEMPOTENCY_KEY))
                .satisfies(ex -> assertThat(ex.reason().status().value()).isEqualTo(400))
                .satisfies(ex -> assertThat(ex.problems())
                        .singleElement()
                        .satisfies(problem -> assertThat(problem.field()).isEqualTo("Idempotency-Key")));
    }

    @Test
    void rejectsAKeyOver255CharactersAndAKeySentTwice() {
        assertThatExceptionOfType(PinRejectedException.class).isThrownBy(() -> keyOf("x".repeat(256)));
        assertThatExceptionOfType(PinRejectedException.class).isThrownBy(() -> keyOf("k-1", "k-1"));
    }
}
