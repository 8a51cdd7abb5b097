package dev.pinpipeline.local.sql;

import java.util.List;

/** A {@link QueryResult} as an aligned text table, like psql's: numbers right-aligned, NULL as nothing. */
public final class ResultTable {

    private ResultTable() {
    }

    public static String render(QueryResult result) {
        if (result.columns().isEmpty()) {
            return "(no rows: the statement returns none)\n";
        }
        int[] widths = new int[result.columns().size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = result.columns().get(c).length();
            for (List<String> row : result.rows()) {
                widths[c] = Math.max(widths[c], text(row.get(c)).length());
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
        out.append('(').append(count).append(count == 1 ? " row" : " rows")
                .append(result.more() ? "; more not shown, see --max-rows" : "").append(")\n");
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> values, int[] widths, List<Boolean> rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String value = text(values.get(c));
            String pad = " ".repeat(widths[c] - value.length());
            line.append(c == 0 ? "" : " | ");
            line.append(rightAligned != null && rightAligned.get(c) ? pad + value : value + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
