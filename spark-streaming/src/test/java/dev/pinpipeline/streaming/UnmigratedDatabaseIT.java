package dev.pinpipeline.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import dev.pinpipeline.schema.SchemaVersion;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The job never migrates: on a database pipeline-schema has not migrated it stops at once, with one line. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UnmigratedDatabaseIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.POSTGRES);

    @Test
    void theJobStopsWithTheSchemaExitCodeNamingBothVersionsAndTheMigration(@TempDir Path checkpoints) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        infra.postgres().jdbcUrl(),
                        infra.postgres().user(),
                        infra.postgres().password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE streaming_it_unmigrated");
        }
        String url = infra.postgres().jdbcUrl().replaceFirst("/[^/]*$", "/streaming_it_unmigrated");

        try (JobProcess job = JobProcess.start(
                "UnmigratedDatabaseIT",
                List.of(
                        "--bootstrap-servers=127.0.0.1:1",
                        "--postgres-url=" + url,
                        "--postgres-user=" + infra.postgres().user(),
                        "--postgres-password=" + infra.postgres().password(),
                        "--checkpoint=" + checkpoints))) {

            assertThat(job.waitFor(Duration.ofMinutes(2)))
                    .as("the job stops, see " + job.log())
                    .isTrue();
            assertThat(job.exitValue()).isEqualTo(SchemaVersion.EXIT_CODE);
            assertThat(job.logText())
                    .contains(
                            "The database schema at " + url + " is at version none",
                            "this job needs version " + SchemaVersion.REQUIRED,
                            "docker compose run --rm schema-migrate")
                    .doesNotContain("\tat ", "Exception", "SparkContext");
            try (Connection connection = DriverManager.getConnection(
                            url, infra.postgres().user(), infra.postgres().password());
                    Statement statement = connection.createStatement()) {
                assertThat(statement.executeQuery(
                                "SELECT count(*) FROM information_schema.tables " + "WHERE table_schema = 'public'"))
                        .satisfies(rows -> {
                            rows.next();
                            assertThat(rows.getInt(1))
                                    .as("tables created by the job")
                                    .isZero();
                        });
            }
        }
    }
}
