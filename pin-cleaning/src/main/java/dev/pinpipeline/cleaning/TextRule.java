package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.btrim;
import static org.apache.spark.sql.functions.when;

import java.util.regex.Pattern;

import org.apache.spark.sql.Column;

/**
 * The contract's text rule: strip leading and trailing white space, where white space is every character with the
 * Unicode {@code White_Space} property (U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000); an empty result is null. Format characters that merely look invisible (U+200B zero width
 * space, U+FEFF byte order mark) are not white space in Unicode and are kept.
 */
final class TextRule {

    /** Every Unicode White_Space character (all are in the BMP), as Java's regex engine defines the property. */
    static final String WHITE_SPACE = whiteSpaceCharacters();

    private TextRule() {
    }

    /**
     * The text rule as an expression. Spark's {@code btrim(str, chars)} removes any of the given characters from
     * both ends, without the cost of a regular expression.
     */
    static Column apply(Column text) {
        return emptyToNull(btrim(text, lit(WHITE_SPACE)));
    }

    static Column emptyToNull(Column text) {
        return when(text.notEqual(lit("")), text);
    }

    /** The text rule, then each of the (exact, case-sensitive) placeholders → null. */
    static Column withoutPlaceholders(Column text, String... placeholders) {
        Column cleaned = apply(text);
        return when(cleaned.isin((Object[]) placeholders), lit(null).cast("string")).otherwise(cleaned);
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
