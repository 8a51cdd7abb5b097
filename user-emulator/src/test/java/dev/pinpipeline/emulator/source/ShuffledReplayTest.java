package dev.pinpipeline.emulator.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShuffledReplayTest {

    private static final List<String> SAMPLE = PinFiles.realSample();

    @Test
    void theSameSeedSendsTheSameSequence() {
        assertThat(take(new ShuffledReplay(SAMPLE, 42, "sample"), 3_000))
                .isEqualTo(take(new ShuffledReplay(SAMPLE, 42, "sample"), 3_000));
    }

    @Test
    void aDifferentSeedSendsADifferentSequence() {
        assertThat(take(new ShuffledReplay(SAMPLE, 42, "sample"), 50))
                .isNotEqualTo(take(new ShuffledReplay(SAMPLE, 43, "sample"), 50));
    }

    @Test
    void theOrderIsRandomNotTheFileOrder() {
        assertThat(take(new ShuffledReplay(SAMPLE, 42, "sample"), 50)).isNotEqualTo(SAMPLE.subList(0, 50));
    }

    @Test
    void everyPassSendsEveryPinOnceThenReshuffles() {
        List<String> pins =
                IntStream.range(0, 100).mapToObj(i -> "{\"index\":" + i + "}").toList();
        ShuffledReplay replay = new ShuffledReplay(pins, 7, "numbers");

        List<String> first = take(replay, 100);
        List<String> second = take(replay, 100);

        assertThat(first).containsExactlyInAnyOrderElementsOf(pins);
        assertThat(second).containsExactlyInAnyOrderElementsOf(pins).isNotEqualTo(first);
    }

    @Test
    void theSequenceForASeedIsStableAcrossRuns() {
        // Random and Collections.shuffle are specified algorithms: this holds on every JDK.
        List<String> pins = IntStream.range(0, 10).mapToObj(String::valueOf).toList();

        assertThat(take(new ShuffledReplay(pins, 1, "digits"), 10))
                .containsExactly("6", "9", "7", "8", "4", "2", "0", "3", "1", "5");
    }

    private static List<String> take(PinSource source, int count) {
        List<String> pins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pins.add(source.next());
        }
        return pins;
    }
}
