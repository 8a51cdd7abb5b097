package dev.pinpipeline.ingest.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static int check(byte... bytes) {
        return Utf8.firstInvalidByte(bytes, 0, bytes.length);
    }

    @Test
    void acceptsWellFormedTextOfEverySize() {
        byte[] text = "a é … 😀 \u00a0 ٣".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.firstInvalidByte(text, 0, text.length)).isEqualTo(-1);
    }

    @Test
    void findsTheFirstBadByte() {
        assertThat(check((byte) 'a', (byte) 0x80)).isEqualTo(1);
        assertThat(check((byte) 0xC0, (byte) 0xAF)).isZero(); // overlong '/'
        assertThat(check((byte) 0xE0, (byte) 0x80, (byte) 0xAF)).isZero(); // overlong
        assertThat(check((byte) 0xED, (byte) 0xA0, (byte) 0x80)).isZero(); // surrogate
        assertThat(check((byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80)).isZero(); // above U+10FFFF
        assertThat(check((byte) 'x', (byte) 0xE2, (byte) 0x80)).isEqualTo(1); // truncated
        assertThat(check((byte) 0xC3, (byte) 0x28)).isZero(); // bad continuation
    }
}
