package dev.pinpipeline.streaming.sink;

import static dev.pinpipeline.streaming.sink.PinEventsForTests.pin;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresPinStoreTest {

    private static final Instant T = Instant.parse("2026-11-26T13:45:50.123Z");

    @Test
    void latestPerPinKeepsTheNewestEventOfEachPinSortedByUniqueId() {
        String a = "aaaaaaaa-0000-4000-8000-000000000000";
        String b = "bbbbbbbb-0000-4000-8000-000000000000";
        List<PinEvent> batch = List.of(
                pin(b, "b-old", T, 0, 1),
                pin(a, "a-new", T.plusSeconds(5), 0, 2),
                pin(b, "b-new", T.plusSeconds(1), 0, 3),
                pin(a, "a-late-old", T, 0, 4));

        assertThat(PostgresPinStore.latestPerPin(batch)).extracting(PinEvent::title).containsExactly("a-new", "b-new");
    }

    @Test
    void latestPerPinBreaksTiesByOffset() {
        String a = "aaaaaaaa-0000-4000-8000-000000000000";
        List<PinEvent> batch = List.of(pin(a, "second", T, 0, 9), pin(a, "first", T, 0, 3));

        assertThat(PostgresPinStore.latestPerPin(batch)).extracting(PinEvent::title).containsExactly("second");
    }

    @Test
    void firstPerEventIdKeepsTheLowestPartitionThenOffsetOfEachEventId() {
        String a = "aaaaaaaa-0000-4000-8000-000000000000";
        List<PinEvent> batch = List.of(
                pin("retried", a, "retry", T.plusSeconds(9), 1, 8),
                pin("other", a, "other", T, 0, 5),
                pin("retried", a, "first", T, 1, 3),
                pin("retried", a, "elsewhere", T, 2, 1));

        assertThat(PostgresPinStore.firstPerEventId(batch)).extracting(PinEvent::title)
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
    void theEventInsertReturnsOnlyTheEventIdsItInserted() {
        assertThat(PostgresPinStore.INSERT_EVENT).contains("ON CONFLICT (event_id) DO NOTHING").endsWith("RETURNING event_id");
    }

    @Test
    void thePinsUpsertOnlyOverwritesWithANewerEventAndKeepsBatching() {
        assertThat(PostgresPinStore.UPSERT_PIN)
                .contains("WHERE (EXCLUDED.ingested_at, EXCLUDED.\"offset\"")
                .doesNotContain("= ?");
    }
}
