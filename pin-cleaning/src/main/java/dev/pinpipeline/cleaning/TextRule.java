package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.btrim;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.regex.Pattern;

import org.apache.spark.sql.Column;

/**
 * The contract's text rule: strip leading and trailing white space, where white space is every character with the
 * Unicode {@code White_Space} property (U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000); an empty result is null. Format characters that merely look invisible (U+200B zero width
 * space, U+FEFF byte order mark) are not white space in Unicode and are kept.
 *
 * <p>In two steps, {@link #strip} then {@link #nonEmpty}, so that the stripping is computed once per field and the
 * null/placeholder tests only read its result.
 */
final class TextRule {

    /** Every Unicode White_Space character (all are in the BMP), as Java's regex engine defines the property. */
    static final String WHITE_SPACE = whiteSpaceCharacters();

    private TextRule() {
    }

    /**
     * Strips the white space from both ends: {@code btrim(str, chars)}, no regular expression. Spark's btrim
     * allocates per call (a copy and two int arrays as long as the text), so it only runs when the text may start or
     * end with white space; most texts are returned as they are. The test is O(1) and allocation-light, and errs only
     * towards running btrim: the first character is below {@code '!'} or at least U+0085 (the smallest non-ASCII
     * white space; UTF-8 byte order is code point order, so two string comparisons decide it), or the last byte is
     * below {@code '!'} or not ASCII (read from the bytes: {@code right(text, 1)} counts every character of the text,
     * twice). {@code text} is evaluated several times: pass a column or a cheap expression.
     */
    static Column strip(Column text) {
        Column lastByte = substring(text.cast("binary"), -1, 1);
        Column padded = text.lt(lit("!")).or(text.geq(lit("\u0085")))
                .or(lastByte.lt(lit(new byte[] {'!'}))).or(lastByte.geq(lit(new byte[] {(byte) 0x80})));
        return when(padded, btrim(text, lit(WHITE_SPACE))).otherwise(text);
    }

    /** A stripped text, or null when it is empty. */
    static Column nonEmpty(Column stripped) {
        return when(stripped.notEqual(lit("")), stripped);
    }

    /** A stripped text, or null when it is empty or one of the (exact, case-sensitive) placeholders. */
    static Column withoutPlaceholders(Column stripped, String... placeholders) {
        return when(stripped.notEqual(lit("")).and(not(stripped.isin((Object[]) placeholders))), stripped);
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
