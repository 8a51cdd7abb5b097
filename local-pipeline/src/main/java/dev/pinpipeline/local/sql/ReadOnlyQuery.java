package dev.pinpipeline.local.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * Runs one SQL statement (more are refused) in a read-only transaction, which PostgreSQL enforces: a query returns its rows, an
 * INSERT, UPDATE, DELETE or DDL fails with PostgreSQL's own error and changes nothing. For looking inside the
 * pipeline's tables, not for changing them.
 */
final class ReadOnlyQuery {

    private static final Set<Integer> NUMERIC_TYPES = Set.of(
            Types.TINYINT,
            Types.SMALLINT,
            Types.INTEGER,
            Types.BIGINT,
            Types.REAL,
            Types.FLOAT,
            Types.DOUBLE,
            Types.NUMERIC,
            Types.DECIMAL);

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public ReadOnlyQuery(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** At most {@code maxRows} rows of {@code sql}'s result; {@link QueryResult#more()} tells whether it had more. */
    public QueryResult run(String sql, int maxRows) throws SQLException {
        requireOneStatement(sql);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION READ ONLY");
                statement.setMaxRows(maxRows + 1);
                boolean hasRows = statement.execute(sql);
                return hasRows
                        ? read(statement.getResultSet(), maxRows)
                        : new QueryResult(List.of(), List.of(), List.of(), false);
            } finally {
                connection.rollback();
            }
        }
    }

    /**
     * One statement only: a {@code COMMIT} before a second statement would end the read-only transaction, and the
     * second would run read-write. Split as pgjdbc splits what it sends (quotes and comments understood).
     */
    static void requireOneStatement(String sql) throws SQLException {
        List<NativeQuery> statements = Parser.parseJdbcSql(sql, true, false, true, false, false);
        if (statements.size() > 1) {
            throw new SQLException(
                    "One statement at a time, please: this query has " + statements.size() + " (separated by ';').");
        }
    }

    private static QueryResult read(ResultSet resultSet, int maxRows) throws SQLException {
        ResultSetMetaData meta = resultSet.getMetaData();
        List<String> columns = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
            numeric.add(NUMERIC_TYPES.contains(meta.getColumnType(i)));
        }
        List<List<String>> rows = new ArrayList<>();
        boolean more = false;
        while (resultSet.next()) {
            if (rows.size() == maxRows) {
                more = true;
                break;
            }
            List<String> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
                row.add(resultSet.getString(i));
            }
            rows.add(row);
        }
        return new QueryResult(columns, numeric, rows, more);
    }
}
