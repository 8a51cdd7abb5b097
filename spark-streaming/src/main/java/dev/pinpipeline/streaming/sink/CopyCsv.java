package dev.pinpipeline.streaming.sink;

import java.util.List;

/**
 * Rows in the CSV format of PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)}. Every value is quoted, so an empty
 * string stays an empty string and no value can read as the end-of-data marker; NULL is the unquoted empty field.
 */
final class CopyCsv {

    private final StringBuilder out = new StringBuilder();
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
        out.append('\n');
        rowStarted = false;
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (rowStarted) {
            out.append(',');
        }
        rowStarted = true;
    }

    private void quoted(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
