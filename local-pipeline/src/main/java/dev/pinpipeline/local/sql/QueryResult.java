package dev.pinpipeline.local.sql;

import java.util.List;

/**
 * The rows of a query as text, for printing.
 *
 * @param columns the column labels
 * @param numeric per column, whether it holds numbers (printed right-aligned)
 * @param rows    the values as text, null for SQL NULL
 * @param more    whether the query had more rows than were fetched
 */
record QueryResult(List<String> columns, List<Boolean> numeric, List<List<String>> rows, boolean more) {

    public QueryResult {
        columns = List.copyOf(columns);
        numeric = List.copyOf(numeric);
        rows = rows.stream()
                .map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row)))
                .toList();
        if (numeric.size() != columns.size()) {
            throw new IllegalArgumentException("one numeric flag per column expected");
        }
    }
}
