package dev.pinpipeline.streaming.sink;

import static dev.pinpipeline.streaming.sink.PinEventsForTests.pin;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresPinStoreTest {

    private static final Instant T = Instant.parse("2026-11-26T13:45:50.123Z");

    @Test
    void firstPerEventIdKeepsTheLowestPartitionThenOffsetOfEachEventId() {
        String a = "aaaaaaaa-0000-4000-8000-000000000000";
        List<PinEvent> batch = List.of(
                pin("retried", a, "retry", T.plusSeconds(9), 1, 8),
                pin("other", a, "other", T, 0, 5),
                pin("retried", a, "first", T, 1, 3),
                pin("retried", a, "elsewhere", T, 2, 1));

        assertThat(PostgresPinStore.firstPerEventId(batch))
                .extracting(PinEvent::title)
                .containsExactlyInAnyOrder("first", "other");
    }

    @Test
    void aRejectsTextIsItsBytesReadAsUtf8WithReplacementCharacters() {
        byte[] raw = {0x7b, (byte) 0xff, 0x00, 0x41, 0x20, 0x63, 0x61, 0x66, (byte) 0xc3, (byte) 0xa9};

        assertThat(PostgresPinStore.text(raw)).isEqualTo("{\uFFFD\uFFFDA caf\u00e9");
        assertThat(PostgresPinStore.text(null)).isNull();
    }

    @Test
    void nulCharactersBecomeReplacementCharactersAndEverythingElseIsKept() {
        assertThat(PostgresPinStore.withoutNul("a\0b")).isEqualTo("a\uFFFDb");
        assertThat(PostgresPinStore.withoutNul(" keep\u00a0")).isEqualTo(" keep\u00a0");
        assertThat(PostgresPinStore.withoutNul(null)).isNull();
    }

    @Test
    void stagedRowsAreQuotedCsvWithNullsUnquotedAndTagsAsAnArrayLiteral() {
        PinEvent event = new PinEvent(
                "e-1",
                T,
                "pins",
                1,
                42,
                7,
                "aaaaaaaa-0000-4000-8000-000000000000",
                "say \"hi\", twice\nplease",
                "",
                null,
                10L,
                List.of("a,b", "back\\slash \"q\""),
                "image",
                null,
                false,
                "/data/art",
                "a\0rt",
                null,
                null);

        assertThat(new String(PostgresPinStore.stageRows(List.of(event)), StandardCharsets.UTF_8))
                .isEqualTo(
                        "\"e-1\",\"7\",\"aaaaaaaa-0000-4000-8000-000000000000\",\"say \"\"hi\"\", twice\nplease\",\"\",,\"10\","
                                + "\"{\"\"a,b\"\",\"\"back\\\\slash \\\"\"q\\\"\"\"\"}\",\"image\",,\"false\",\"/data/art\","
                                + "\"a\uFFFDrt\",\"2026-11-26T13:45:50.123Z\",\"pins\",\"1\",\"42\"\n");
    }

    @Test
    void theEventInsertSkipsKnownEventIdsAndOnlyTheEventsItInsertedReachPins() {
        assertThat(PostgresPinStore.MOVE_STAGE)
                .contains("ON CONFLICT (event_id) DO NOTHING")
                .contains("FROM new_events")
                .contains("ORDER BY unique_id, ingested_at DESC, \"offset\" DESC");
    }

    @Test
    void thePinsUpsertOnlyOverwritesWithANewerEvent() {
        assertThat(PostgresPinStore.MOVE_STAGE).contains("WHERE (EXCLUDED.ingested_at, EXCLUDED.\"offset\"");
    }
}
