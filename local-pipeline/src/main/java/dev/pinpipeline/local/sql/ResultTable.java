package dev.pinpipeline.local.sql;

import java.util.List;
import org.jline.utils.WCWidth;

/**
 * A {@link QueryResult} as an aligned text table, like psql's: numbers right-aligned, NULL as nothing. Columns are
 * aligned by the width a terminal gives each character (CJK and emoji take two cells, combining marks none), and a
 * value stays on its line: line breaks, tabs and other control characters are shown escaped ({@code \n}).
 */
final class ResultTable {

    private ResultTable() {}

    public static String render(QueryResult result) {
        if (result.columns().isEmpty()) {
            return "(no rows: the statement returns none)\n";
        }
        int[] widths = new int[result.columns().size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = displayWidth(text(result.columns().get(c)));
            for (List<String> row : result.rows()) {
                widths[c] = Math.max(widths[c], displayWidth(text(row.get(c))));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, result.columns(), widths, null);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.append('\n');
        for (List<String> row : result.rows()) {
            line(out, row, widths, result.numeric());
        }
        int count = result.rows().size();
        out.append('(')
                .append(count)
                .append(count == 1 ? " row" : " rows")
                .append(result.more() ? "; more not shown, see --max-rows" : "")
                .append(")\n");
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> values, int[] widths, List<Boolean> rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String value = text(values.get(c));
            String pad = " ".repeat(widths[c] - displayWidth(value));
            line.append(c == 0 ? "" : " | ");
            line.append(rightAligned != null && rightAligned.get(c) ? pad + value : value + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** The value on one line: NULL as nothing, control characters escaped. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (Character.isISOControl(cp)) {
                        text.append(String.format("\\u%04X", cp));
                    } else {
                        text.appendCodePoint(cp);
                    }
                }
            }
        });
        return text.toString();
    }

    /** Terminal cells the text takes: East Asian wide and full-width characters two, combining marks none. */
    static int displayWidth(String text) {
        return text.codePoints().map(cp -> Math.max(0, WCWidth.wcwidth(cp))).sum();
    }
}
