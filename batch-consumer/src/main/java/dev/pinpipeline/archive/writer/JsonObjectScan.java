package dev.pinpipeline.archive.writer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A strict check, without allocation, that a value is one JSON object (RFC 8259) in well-formed UTF-8 (RFC 3629),
 * with only white space around it: the common case of every record, checked in one pass over its bytes.
 *
 * <p>It never accepts what Jackson's parser rejects: it is stricter on UTF-8 and bounds what Jackson bounds further
 * (nesting, the length of a number, a name or a string) well below Jackson's limits. A value it does not accept is
 * passed to Jackson, which has the last word and gives the reason.
 */
final class JsonObjectScan {

    /** Not accepted here: Jackson decides. */
    static final int NOT_ACCEPTED = 0;
    /** One JSON object without a line break. */
    static final int OBJECT = 1;
    /** One JSON object with a CR or LF in the white space between its tokens. */
    static final int OBJECT_WITH_LINE_BREAK = 2;

    private static final int MAX_DEPTH = 64;
    private static final int MAX_NUMBER_BYTES = 100;
    private static final int MAX_NAME_BYTES = 1_000;
    private static final int MAX_STRING_BYTES = 1_000_000;

    /** Bytes a string may hold as they are: printable ASCII except the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final byte[] json;
    private int pos;
    private boolean lineBreak;

    private JsonObjectScan(byte[] json) {
        this.json = json;
    }

    static int scan(byte[] json) {
        return new JsonObjectScan(json).root();
    }

    private int root() {
        whitespace();
        if (!consume('{') || !object(1)) {
            return NOT_ACCEPTED;
        }
        whitespace();
        if (pos != json.length) {
            return NOT_ACCEPTED;
        }
        return lineBreak ? OBJECT_WITH_LINE_BREAK : OBJECT;
    }

    /** After the '{'. */
    private boolean object(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        whitespace();
        if (consume('}')) {
            return true;
        }
        do {
            whitespace();
            if (!consume('"') || !string(MAX_NAME_BYTES)) {
                return false;
            }
            whitespace();
            if (!consume(':')) {
                return false;
            }
            whitespace();
            if (!value(depth)) {
                return false;
            }
            whitespace();
        } while (consume(','));
        return consume('}');
    }

    /** After the '['. */
    private boolean array(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        whitespace();
        if (consume(']')) {
            return true;
        }
        do {
            whitespace();
            if (!value(depth)) {
                return false;
            }
            whitespace();
        } while (consume(','));
        return consume(']');
    }

    private boolean value(int depth) {
        if (pos >= json.length) {
            return false;
        }
        return switch (json[pos++]) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string(MAX_STRING_BYTES);
            case 't' -> literal("rue");
            case 'f' -> literal("alse");
            case 'n' -> literal("ull");
            default -> {
                pos--;
                yield number();
            }
        };
    }

    /** After the opening quote, up to and including the closing one. */
    private boolean string(int maxBytes) {
        byte[] json = this.json;
        int start = pos;
        int at = start;
        while (true) {
            at = plainRun(json, at);
            if (at >= json.length) {
                return false;
            }
            int c = json[at] & 0xff;
            if (c == '"') {
                pos = at + 1;
                return pos - start <= maxBytes;
            } else if (c == '\\') {
                pos = at;
                if (!escape()) {
                    return false;
                }
                at = pos;
            } else if (c >= 0x80) {
                pos = at;
                if (!utf8(c)) {
                    return false;
                }
                at = pos;
            } else {
                return false; // a control character
            }
        }
    }

    /**
     * Skips bytes a string holds as they are, eight at a time while none of the eight is a quote, a backslash, a
     * control character or a byte of a multi-byte character; returns the position of the first such byte.
     */
    private static int plainRun(byte[] json, int at) {
        while (true) {
            while (at + Long.BYTES <= json.length) {
                long word = (long) WORDS.get(json, at);
                long quote = word ^ (ONES * '"');
                long backslash = word ^ (ONES * '\\');
                long special = ((word - ONES * 0x20) & ~word) // a byte below 0x20
                        | ((quote - ONES) & ~quote) // a zero byte: a quote in the word
                        | ((backslash - ONES) & ~backslash)
                        | word; // a byte from 0x80
                if ((special & HIGH_BITS) != 0) {
                    break;
                }
                at += Long.BYTES;
            }
            int end = Math.min(at + Long.BYTES, json.length); // byte by byte: the word that has one, or the tail
            while (at < end && PLAIN[json[at] & 0xff]) {
                at++;
            }
            if (at < end || at == json.length) {
                return at;
            }
        }
    }

    private boolean escape() {
        if (pos + 1 >= json.length) {
            return false;
        }
        switch (json[pos + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                pos += 2;
                return true;
            }
            case 'u' -> {
                if (pos + 5 >= json.length) {
                    return false;
                }
                for (int i = pos + 2; i < pos + 6; i++) {
                    if (Character.digit(json[i], 16) < 0) {
                        return false;
                    }
                }
                pos += 6;
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** A multi-byte UTF-8 sequence starting with {@code lead}: no overlong form, no surrogate, at most U+10FFFF. */
    private boolean utf8(int lead) {
        int length;
        int secondLow = 0x80;
        int secondHigh = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            secondLow = lead == 0xE0 ? 0xA0 : 0x80;
            secondHigh = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            secondLow = lead == 0xF0 ? 0x90 : 0x80;
            secondHigh = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (pos + length > json.length) {
            return false;
        }
        int second = json[pos + 1] & 0xff;
        if (second < secondLow || second > secondHigh) {
            return false;
        }
        for (int i = pos + 2; i < pos + length; i++) {
            if ((json[i] & 0xC0) != 0x80) {
                return false;
            }
        }
        pos += length;
        return true;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    private boolean number() {
        int start = pos;
        consume('-');
        if (!consume('0') && !digits()) { // after a 0 no digit may follow, which the caller checks
            return false;
        }
        if (consume('.') && !digits()) {
            return false;
        }
        if (consume('e') || consume('E')) {
            if (!consume('+')) {
                consume('-');
            }
            if (!digits()) {
                return false;
            }
        }
        return pos - start <= MAX_NUMBER_BYTES;
    }

    /** One digit or more. */
    private boolean digits() {
        int start = pos;
        while (pos < json.length && json[pos] >= '0' && json[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    private boolean literal(String rest) {
        if (pos + rest.length() > json.length) {
            return false;
        }
        for (int i = 0; i < rest.length(); i++) {
            if (json[pos + i] != rest.charAt(i)) {
                return false;
            }
        }
        pos += rest.length();
        return true;
    }

    private void whitespace() {
        while (pos < json.length) {
            byte c = json[pos];
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\n' || c == '\r') {
                lineBreak = true;
                pos++;
            } else {
                return;
            }
        }
    }

    private boolean consume(char c) {
        if (pos < json.length && json[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }
}
