package dev.pinpipeline.streaming.sink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rows in the CSV format of PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)}, as the UTF-8 bytes COPY reads.
 * Every value is quoted, so an empty string stays an empty string and no value can read as the end-of-data marker;
 * NULL is the unquoted empty field. Values are encoded whole ({@link String#getBytes}), not character by character:
 * built per character, the CSV took a sixth of the micro-batch tasks' CPU (bench/streaming/README.md).
 */
final class CopyCsv {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    private boolean rowStarted;

    /** A value as its text ({@code toString}), or NULL. */
    CopyCsv value(Object value) {
        separate();
        if (value != null) {
            quoted(value.toString());
        }
        return this;
    }

    /** A text[] value as an array literal, {@code {"a","b"}}, or NULL. */
    CopyCsv array(List<String> values) {
        if (values == null) {
            return value(null);
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            String element = values.get(i);
            literal.append(i == 0 ? "" : ",");
            if (element == null) {
                literal.append("NULL");
            } else {
                literal.append('"')
                        .append(element.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
        }
        return value(literal.append('}'));
    }

    CopyCsv endRow() {
        out.write('\n');
        rowStarted = false;
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void separate() {
        if (rowStarted) {
            out.write(',');
        }
        rowStarted = true;
    }

    private void quoted(String text) {
        out.write('"');
        out.writeBytes((text.indexOf('"') < 0 ? text : text.replace("\"", "\"\"")).getBytes(StandardCharsets.UTF_8));
        out.write('"');
    }
}
