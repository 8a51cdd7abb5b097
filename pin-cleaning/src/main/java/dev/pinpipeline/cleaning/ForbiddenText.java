package dev.pinpipeline.cleaning;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

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

    private ForbiddenText() {
    }

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
