package dev.pinpipeline.cleaning;

import static org.apache.spark.sql.functions.contains;
import static org.apache.spark.sql.functions.is_valid_utf8;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The text the contract's §1 forbids, found in a raw JSON value: U+0000 or an unpaired surrogate, which ingest-api
 * refuses (422) and another producer may still write into the topic. Neither can be kept as sent (PostgreSQL text
 * cannot hold U+0000; UTF-8 cannot encode a surrogate, and Spark's JSON reader turns an unpaired one into "?"), so
 * such a record is a reject, never cleaned into something else.
 *
 * <p>Read from the raw value, before {@code from_json} changes anything: bytes that are not UTF-8 (an encoded
 * surrogate {@code ED A0 80} included; Spark's {@code is_valid_utf8}), or, anywhere in the JSON, the escape of U+0000
 * or a surrogate escape without its pair. The escapes are found by a regular expression, and only in values that
 * hold a backslash followed by "u" at all (a byte search). First every escaped backslash (two backslashes) becomes
 * "_", so that each remaining backslash starts an escape (an escaped backslash followed by the text "u0000" is not a
 * NUL); then a high surrogate escape not followed by a low one, or a low one not preceded by a high one, is unpaired.
 * (Comments cannot spell these escapes: javac reads backslash-u sequences even in comments.)
 */
final class ForbiddenText {

    private static final String HIGH = "\\\\u[dD][89abAB][0-9a-fA-F]{2}";
    private static final String LOW = "\\\\u[dD][c-fC-F][0-9a-fA-F]{2}";
    /** After escaped backslashes are replaced: a NUL escape, or a surrogate escape without its pair. */
    static final String FORBIDDEN_ESCAPE = "\\\\u0000|" + HIGH + "(?!" + LOW + ")|(?<!" + HIGH + ")" + LOW;
    private static final String ESCAPED_BACKSLASH = "\\\\\\\\";

    private ForbiddenText() {
    }

    /** True when the raw JSON {@code value} holds text the contract forbids; null for a null value. */
    static Column in(Column value) {
        Column escapes = regexp_replace(value, lit(ESCAPED_BACKSLASH), lit("_")).rlike(FORBIDDEN_ESCAPE);
        return not(is_valid_utf8(value)).or(when(contains(value, lit("\\u")), escapes).otherwise(lit(false)));
    }
}
