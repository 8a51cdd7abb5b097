package dev.pinpipeline.local.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.infra.LocalPostgres;
import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.EndpointsFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./pipeline sql} against a real PostgreSQL, found through the endpoints file a running pipeline writes. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SqlCommandIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.POSTGRES);

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void aRunningPipelineWithATable() throws Exception {
        LocalPostgres postgres = infra.postgres();
        EndpointsFile.write(
                dataDir,
                new Endpoints(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        postgres.jdbcUrl(),
                        postgres.user(),
                        postgres.password()));
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS sql_command_it");
            s.execute("CREATE TABLE sql_command_it (category text, pins bigint)");
            s.execute("INSERT INTO sql_command_it VALUES ('art', 79), ('beauty', 63), (NULL, 5)");
        }
    }

    @Test
    void printsTheRowsOfAQuery() {
        Run run = sql("select category, pins from sql_command_it order by pins desc");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                category | pins
                ---------+-----
                art      |   79
                beauty   |   63
                         |    5
                (3 rows)
                """);
    }

    @Test
    void printsAtMostMaxRows() {
        Run run = sql("--max-rows", "2", "select", "pins", "from", "sql_command_it", "order", "by", "pins");

        assertThat(run.out())
                .startsWith("pins\n----\n   5\n  63\n")
                .doesNotContain("79")
                .endsWith("(2 rows; more not shown, see --max-rows)\n");
    }

    @Test
    void refusesToChangeDataWithPostgresReason() throws Exception {
        Run run = sql("delete from sql_command_it");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("read-only transaction");
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void refusesASecondStatementThatACommitWouldLeaveReadWrite() throws Exception {
        Run run = sql("commit; delete from sql_command_it");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("One statement at a time");
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void namesTheProblemInABadQuery() {
        Run run = sql("select * from no_such_table");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("pipeline sql:", "no_such_table", "does not exist");
    }

    @Test
    void saysSoWhenThePipelineIsNotRunning(@TempDir Path empty) {
        Run run = run(empty, "select 1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the pipeline is not running", "./pipeline");
    }

    private static long rows() throws Exception {
        LocalPostgres postgres = infra.postgres();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from sql_command_it")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Run sql(String... args) {
        return run(dataDir, args);
    }

    private static Run run(Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new SqlCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exitCode = command.execute(all);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}
}
