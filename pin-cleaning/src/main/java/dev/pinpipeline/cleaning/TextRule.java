package dev.pinpipeline.cleaning;

import java.util.regex.Pattern;

/**
 * The contract's text rule: strip leading and trailing white space, where white space is every character with the
 * Unicode {@code White_Space} property (U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000); an empty result is null. Format characters that merely look invisible (U+200B zero width
 * space, U+FEFF byte order mark) are not white space in Unicode and are kept.
 */
final class TextRule {

    /** Every Unicode White_Space character (all are in the BMP), as Java's regex engine defines the property. */
    static final String WHITE_SPACE = whiteSpaceCharacters();

    /** The largest White_Space character is U+3000: a table up to it, every character above is not white space. */
    private static final boolean[] IS_WHITE_SPACE = table(WHITE_SPACE);

    private TextRule() {}

    /** The text without white space at either end; null when nothing is left or the text is null. */
    static String strip(String text) {
        return text == null ? null : strip(text, 0, text.length());
    }

    /** {@code text} from {@code start} (inclusive) to {@code end} (exclusive), stripped; null when nothing is left. */
    static String strip(String text, int start, int end) {
        while (start < end && isWhiteSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(text.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : text.substring(start, end);
    }

    static boolean isWhiteSpace(char c) {
        return c < IS_WHITE_SPACE.length && IS_WHITE_SPACE[c];
    }

    private static boolean[] table(String characters) {
        boolean[] table = new boolean[characters.chars().max().orElseThrow() + 1];
        characters.chars().forEach(c -> table[c] = true);
        return table;
    }

    private static String whiteSpaceCharacters() {
        Pattern whiteSpace = Pattern.compile("\\p{IsWhite_Space}");
        StringBuilder characters = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (whiteSpace.matcher(String.valueOf(c)).matches()) {
                characters.append(c);
            }
        }
        return characters.toString();
    }
}
