package dev.pinpipeline.emulator.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Replays a list of pins in random order, pass after pass: each pass posts every pin once, in an order shuffled
 * from the seed, then a new pass reshuffles. The same seed gives the same sequence ({@link Random} and
 * {@link Collections#shuffle(List, Random)} are specified algorithms, stable across JDKs).
 */
public final class ShuffledReplay implements PinSource {

    private final List<String> pins;
    private final Random random;
    private final String name;
    private int position;

    public ShuffledReplay(List<String> pins, long seed, String name) {
        if (pins.isEmpty()) {
            throw new IllegalArgumentException("no pins to replay");
        }
        this.pins = new ArrayList<>(pins);
        this.random = new Random(seed);
        this.name = name;
        this.position = pins.size();
    }

    @Override
    public String next() {
        if (position == pins.size()) {
            Collections.shuffle(pins, random);
            position = 0;
        }
        return pins.get(position++);
    }

    @Override
    public String describe() {
        return name + ", " + pins.size() + " pins replayed in random order";
    }
}
