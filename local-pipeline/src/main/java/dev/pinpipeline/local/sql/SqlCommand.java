package dev.pinpipeline.local.sql;

import dev.pinpipeline.cli.HelpConvention;
import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.EndpointsFile;
import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.StackOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline sql "select …"}: a query against the running pipeline's PostgreSQL, printed as a table, for a
 * machine without psql. Read-only: the tables belong to spark-streaming and spark-batch.
 */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = "Run a read-only SQL query against the running pipeline's PostgreSQL (tables pins, pin_events, "
                + "pin_rejects, daily_*) and print the rows; for when psql is not installed.")
public final class SqlCommand implements Callable<Integer> {

    @Mixin
    HelpConvention helpConvention;

    @Mixin
    StackOptions stack;

    @Parameters(arity = "1..*", paramLabel = "SQL", description = "The query (its words may be given unquoted).")
    List<String> words;

    @Option(names = "--max-rows", defaultValue = "100", description = "Print at most this many rows.")
    int maxRows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (maxRows < 1) {
            spec.commandLine().getErr().println("pipeline sql: --max-rows must be at least 1");
            return 2;
        }
        Path dataDir = stack.dataDir(ProjectLayout.locate());
        Endpoints endpoints = EndpointsFile.read(dataDir)
                .filter(e -> e.postgresJdbcUrl() != null)
                .orElse(null);
        if (endpoints == null) {
            spec.commandLine()
                    .getErr()
                    .println("pipeline sql: the pipeline is not running (no " + EndpointsFile.path(dataDir)
                            + "): start it with ./pipeline, then query it from another terminal");
            return 1;
        }
        String sql = String.join(" ", words);
        try {
            QueryResult result = new ReadOnlyQuery(
                            endpoints.postgresJdbcUrl(), endpoints.postgresUser(), endpoints.postgresPassword())
                    .run(sql, maxRows);
            spec.commandLine().getOut().print(ResultTable.render(result));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (SQLException e) {
            boolean unreachable = e.getSQLState() != null && e.getSQLState().startsWith("08");
            spec.commandLine()
                    .getErr()
                    .println("pipeline sql: "
                            + (unreachable
                                    ? "PostgreSQL at " + endpoints.postgresJdbcUrl()
                                            + " is not reachable; is ./pipeline running?"
                                    : e.getMessage()));
            return 1;
        }
    }
}
