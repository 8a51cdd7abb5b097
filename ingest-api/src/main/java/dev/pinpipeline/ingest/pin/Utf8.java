package dev.pinpipeline.ingest.pin;

/**
 * Strict UTF-8 check (the well-formed byte sequences of the Unicode standard, table 3-7): no overlong forms, no
 * surrogates, nothing above U+10FFFF. Jackson's parser lets overlong forms through, and a pin's bytes travel on to
 * Kafka and S3, so the service checks them itself. ASCII, most of a pin, costs one comparison per byte.
 */
final class Utf8 {

    private Utf8() {}

    /** The offset of the first byte that is not part of a well-formed sequence, or -1 if all are. */
    static int firstInvalidByte(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int size;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                size = 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                size = 3;
                if (b == 0xE0) {
                    min2 = 0xA0;
                } else if (b == 0xED) {
                    max2 = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                size = 4;
                if (b == 0xF0) {
                    min2 = 0x90;
                } else if (b == 0xF4) {
                    max2 = 0x8F;
                }
            } else {
                return i;
            }
            if (i + size > end) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min2 || second > max2) {
                return i;
            }
            for (int k = 2; k < size; k++) {
                int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return i;
                }
            }
            i += size;
        }
        return -1;
    }
}
