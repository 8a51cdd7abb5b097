package dev.pinpipeline.cleaning;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The text the contract's §1 forbids: U+0000 or an unpaired surrogate, which ingest-api refuses (422) and another
 * producer may still write into the topic. Neither can be kept as sent (PostgreSQL text cannot hold U+0000; UTF-8
 * cannot encode a surrogate), so such a record is a reject, never cleaned into something else.
 *
 * <p>In a value whose bytes are UTF-8, JSON can only spell either character as an escape (a raw NUL byte is not
 * valid JSON, an encoded surrogate is not UTF-8): so only a value that holds a backslash followed by "u" is read a
 * second time, and each of its names and strings, decoded, is checked. An escaped backslash followed by the text
 * "u0000" decodes to six ordinary characters, and is kept.
 */
final class ForbiddenText {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ForbiddenText() {}

    /** Whether a name or string anywhere in the JSON value (its first value only) holds forbidden text. */
    static boolean inJson(JsonFactory factory, byte[] utf8) throws IOException {
        if (!holdsUnicodeEscape(utf8)) {
            return false;
        }
        try (JsonParser json = factory.createParser(utf8)) {
            int depth = 0;
            do {
                JsonToken token = json.nextToken();
                if (token == null) {
                    return false;
                }
                if ((token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) && isForbidden(json.getText())) {
                    return true;
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            } while (depth > 0);
            return false;
        }
    }

    /**
     * Whether the bytes are UTF-8: each sequence well-formed and shortest, no surrogate (ED A0–BF), nothing past
     * U+10FFFF (Unicode's table 3-7). Spark's {@code UTF8String.isValid} says the same, at several times the cost.
     */
    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            // eight ASCII bytes at a time (no byte has its top bit set)
            while (i + 8 <= bytes.length && ((long) LONGS.get(bytes, i) & 0x8080808080808080L) == 0) {
                i += 8;
            }
            if (i == bytes.length) {
                break;
            }
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (lead < 0xC2 || lead > 0xF4 || i + length > bytes.length) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }

    /** U+0000, or a surrogate that is not part of a high-low pair. */
    static boolean isForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsUnicodeEscape(byte[] utf8) {
        for (int i = 0; i + 1 < utf8.length; i++) {
            if (utf8[i] == '\\' && utf8[i + 1] == 'u') {
                return true;
            }
        }
        return false;
    }
}
