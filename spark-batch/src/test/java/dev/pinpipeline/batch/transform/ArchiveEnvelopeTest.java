package dev.pinpipeline.batch.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArchiveEnvelopeTest {

    private static final String ENVELOPE = "{\"event_id\":\"0b9f5a4e-1111-4222-8333-444455556666\","
            + "\"ingested_at\":\"2026-11-26T13:45:50.123Z\",\"topic\":\"PinterestTopic\",\"partition\":1,\"offset\":42,";

    private static final ArchiveEnvelope EXPECTED = new ArchiveEnvelope(
            "0b9f5a4e-1111-4222-8333-444455556666", "2026-11-26T13:45:50.123Z", "PinterestTopic", 1, 42L);

    /** C1 AF: an overlong form of 'o', which is not UTF-8. */
    private static final byte[] OVERLONG_O = {(byte) 0xC1, (byte) 0xAF};

    private static final byte[] LONE_CONTINUATION = {(byte) 0x80};

    @Test
    void readsTheEnvelopesMembersAndSkipsThePin() {
        assertThat(read(ENVELOPE + "\"pin\":{\"index\":7,\"tag_list\":[\"a\",{\"b\":null}],\"x\":-1.5e3}}"))
                .isEqualTo(EXPECTED);
    }

    @Test
    void aBrokenPinLeavesTheLineToSparksParser() {
        assertThat(read(ENVELOPE + "\"pin\":{\"index\":7,\"title\":\"unterminated}"))
                .isNull();
        assertThat(read(ENVELOPE + "\"pin\":{\"index\":7,}}")).isNull();
        assertThat(read(ENVELOPE + "\"pin\":{\"title\":\"bad \\q escape\"}}")).isNull();
        assertThat(read(ENVELOPE + "\"pin\":{\"index\":7}")).isNull(); // the envelope never closed
    }

    @Test
    void missingOrNullMembersAreNull() {
        assertThat(read("{\"topic\":\"PinterestTopic\",\"pin\":{}}"))
                .isEqualTo(new ArchiveEnvelope(null, null, "PinterestTopic", null, null));
        assertThat(read("{\"event_id\":null,\"partition\":null,\"offset\":7,\"pin\":null}"))
                .isEqualTo(new ArchiveEnvelope(null, null, null, null, 7L));
        assertThat(read("{}")).isEqualTo(new ArchiveEnvelope(null, null, null, null, null));
    }

    @Test
    void membersOfAnotherTypeLeaveTheLineToSparksParser() {
        assertThat(read("{\"partition\":\"1\",\"pin\":{}}")).isNull();
        assertThat(read("{\"partition\":3000000000,\"pin\":{}}")).isNull();
        assertThat(read("{\"offset\":1.5,\"pin\":{}}")).isNull();
        assertThat(read("{\"offset\":99999999999999999999,\"pin\":{}}")).isNull();
        assertThat(read("{\"event_id\":5,\"pin\":{}}")).isNull();
        assertThat(read("{\"topic\":{\"name\":\"t\"},\"pin\":{}}")).isNull();
        assertThat(read("{\"ingested_at\":true,\"pin\":{}}")).isNull();
    }

    @Test
    void anOffsetBeyondIntIsALong() {
        assertThat(read("{\"partition\":-2,\"offset\":3000000000}"))
                .isEqualTo(new ArchiveEnvelope(null, null, null, -2, 3_000_000_000L));
    }

    @Test
    void aRepeatedMemberOrACorruptRecordMemberLeavesTheLineToSparksParser() {
        assertThat(read("{\"topic\":\"a\",\"topic\":\"b\"}")).isNull();
        assertThat(read("{\"topic\":\"a\",\"_corrupt_record\":\"x\"}")).isNull();
    }

    @Test
    void aPinBeforeOtherMembersIsSkippedLikeAnyMember() {
        assertThat(read("{\"event_id\":\"e\",\"pin\":{\"a\":[1,2]},\"topic\":\"t\",\"partition\":0,\"offset\":1}"))
                .isEqualTo(new ArchiveEnvelope("e", null, "t", 0, 1L));
    }

    @Test
    void nothingAfterTheClosingBraceIsRead() {
        assertThat(read(ENVELOPE + "\"pin\":{}}   ")).isEqualTo(EXPECTED);
        assertThat(read(ENVELOPE + "\"pin\":{}} trailing words")).isEqualTo(EXPECTED);
    }

    @Test
    void nonAsciiTextIsDecodedAsUtf8() {
        assertThat(
                        read(
                                "{\"topic\":\"t\u00f3pico \u00e9t\u00e9 \uD83C\uDFA8\",\"pin\":{\"title\":\"caf\u00e9 \u2615\"}}"))
                .isEqualTo(new ArchiveEnvelope(null, null, "t\u00f3pico \u00e9t\u00e9 \uD83C\uDFA8", null, null));
        assertThat(read("{\"topic\":\"caf\\u00e9\"}"))
                .isEqualTo(new ArchiveEnvelope(null, null, "caf\u00e9", null, null));
    }

    @Test
    void bytesThatAreNotUtf8LeaveTheLineToSparksParser() {
        assertThat(ArchiveEnvelope.read(withBytes("{\"t", OVERLONG_O, "pic\":\"x\"}")))
                .isNull();
        assertThat(ArchiveEnvelope.read(withBytes("{\"pin\":\"", LONE_CONTINUATION, "\"}")))
                .isNull();
    }

    @Test
    void bytesThatAreNotUtf8InsideThePinAreSkippedWithIt() {
        // Jackson decodes the overlong 'o' and Spark's reader replaces it; neither uses the pin's text here.
        byte[] line = withBytes("{\"topic\":\"t\",\"pin\":{\"a\":\"", OVERLONG_O, "\"}}");

        assertThat(ArchiveEnvelope.read(line)).isEqualTo(new ArchiveEnvelope(null, null, "t", null, null));
    }

    @Test
    void aLineNotStartingWithABraceIsLeftToSparksParser() {
        assertThat(read(" {\"topic\":\"t\"}")).isNull();
        assertThat(read("\uFEFF{\"topic\":\"t\"}")).isNull();
        assertThat(ArchiveEnvelope.read(new byte[] {'{', 0, 0, 0, '}'})).isNull();
    }

    @Test
    void aLineThatIsNotAnObjectLeavesItToSparksParser() {
        assertThat(read("[{\"topic\":\"t\"}]")).isNull();
        assertThat(read("\"topic\"")).isNull();
        assertThat(read("null")).isNull();
        assertThat(read("this is not json")).isNull();
        assertThat(read("\t")).isNull();
    }

    @Test
    void acceptsWhatSparksJsonOptionsAcceptSingleQuotesIncluded() {
        assertThat(read("{'topic':'t','offset':3,'pin':{'a':NaN}}"))
                .isEqualTo(new ArchiveEnvelope(null, null, "t", null, 3L));
    }

    /** {@code before}'s UTF-8 bytes, then {@code raw} as they are, then {@code after}'s. */
    private static byte[] withBytes(String before, byte[] raw, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] line = Arrays.copyOf(head, head.length + raw.length + tail.length);
        System.arraycopy(raw, 0, line, head.length, raw.length);
        System.arraycopy(tail, 0, line, head.length + raw.length, tail.length);
        return line;
    }

    private static ArchiveEnvelope read(String line) {
        return ArchiveEnvelope.read(line.getBytes(StandardCharsets.UTF_8));
    }
}
