package dev.pinpipeline.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipeline.batch.io.InputFormat;
import dev.pinpipeline.spark.PipelineEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Airflow cannot be installed here, so the DAG is checked against the project without it: it compiles, and what it
 * submits (jar, main class, arguments) is what spark-batch builds and accepts. The DAG is read with Python's
 * {@code ast} module (src/test/resources/dag_contract.py); skipped when python3 is missing.
 */
class AirflowDagTest {

    private static final Path DAG = Path.of("../airflow/dags/pinterest_daily_batch.py");
    private static final Path DOCKERFILE = Path.of("../airflow/Dockerfile");
    /** The day a run processes: the {@code day} param, else the data interval's day, else the last complete day. */
    private static final String DAY_TEMPLATE =
            "{{ day_to_process(params.day, dag_run.data_interval_start, dag_run.run_after) }}";

    private static JsonNode contract;

    @BeforeAll
    static void readDag() throws Exception {
        assumeTrue(python3Available(), "python3 is not installed: the DAG is not checked");
        contract = new ObjectMapper().readTree(run("python3", script().toString(), DAG.toString()));
    }

    @Test
    void dagFileCompiles() throws Exception {
        run("python3", "-m", "py_compile", DAG.toString());
    }

    @Test
    void submitsTheClusterJarThatTheAirflowImageProvides() throws IOException {
        JsonNode submit = sparkSubmit();
        String application = submit.get("application").asText();
        String dockerfile = Files.readString(DOCKERFILE);

        assertThat(application).isEqualTo("/opt/pipeline/jars/spark-batch-cluster.jar");
        assertThat(dockerfile)
                .containsPattern("COPY .*spark-batch/target/spark-batch-\\*-cluster\\.jar " + application);
        assertThat(dockerfile).contains("SPARK_BATCH_JAR=" + application);
        assertThat(dockerfile).containsPattern("FROM apache/airflow:3\\.");
        assertThat(dockerfile)
                .contains("SPARK_VERSION=4.1.1", "openjdk-17-jre", "apache-airflow-providers-apache-spark");
    }

    @Test
    void submitsTheJobsMainClassToTheSparkMaster() throws IOException {
        JsonNode submit = sparkSubmit();

        assertThat(submit.get("java_class").asText()).isEqualTo(DailyBatchJob.class.getName());
        assertThat(submit.get("conn_id").asText()).isEqualTo("spark_default");
        assertThat(Files.readString(DOCKERFILE)).contains("\"host\": \"spark://spark-master\", \"port\": 7077");
    }

    @Test
    void submittedArgumentsAreAcceptedByTheJobsCommandLine() {
        List<String> args = new ArrayList<>();
        sparkSubmit().get("application_args").forEach(arg -> args.add(arg.asText()));
        assertThat(args).contains(DAY_TEMPLATE);

        DailyBatchJob job = new DailyBatchJob(PipelineEnvironment.from(Map.of()));
        DailyBatchJob.commandLine(job)
                .parseArgs(args.stream()
                        .map(arg -> arg.replace(DAY_TEMPLATE, "2026-11-26"))
                        .toArray(String[]::new));
        BatchJobConfig config = job.config();

        assertThat(config.days()).containsExactly(LocalDate.parse("2026-11-26"));
        assertThat(config.inputFormat()).isEqualTo(InputFormat.ARCHIVE);
        assertThat(config.requireSuccess()).isTrue();
    }

    @Test
    void runsDailyForTheDayThatEndedWithoutCatchupSoThatAFirstStartQueuesOneRun() {
        JsonNode dag = contract.get("dag");

        assertThat(dag.get("schedule").asText()).startsWith("CronDataIntervalTimetable(");
        assertThat(dag.get("catchup").asBoolean()).isFalse();
        assertThat(dag.get("max_active_runs").asInt()).isEqualTo(1);
        JsonNode defaults = contract.get("default_args");
        assertThat(defaults.get("retries").asInt()).isPositive();
        assertThat(defaults.get("retry_exponential_backoff").asBoolean()).isTrue();
    }

    @Test
    void aRunNamesItsDayWithTheDayParamAndTheTemplateCallsTheTestedDateLogic() throws IOException {
        JsonNode dag = contract.get("dag");

        assertThat(dag.get("params").get("day").asText())
                .startsWith("Param(None, type=['null', 'string'], format='date'");
        assertThat(dag.get("user_defined_macros").get("day_to_process").asText())
                .isEqualTo("day_to_process");
        assertThat(Files.readString(DAG)).contains("from pin_batch_days import", "day_to_process");
        assertThat(Files.readString(DAG.resolveSibling("pin_batch_days.py")))
                .contains(
                        "def day_to_process(requested: str | None, data_interval_start: datetime | None, run_after: datetime)");
    }

    @Test
    void daysBeforeTheArchivesFirstDayAreSkippedInsteadOfAwaited() throws Exception {
        // first_archived_day, taken out of the DAG file and run against a stand-in for the S3 client's listing
        String probe = """
                import ast, sys
                tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
                names = ("S3_BUCKET", "PINS_TOPIC", "first_archived_day")
                keep = [n for n in tree.body if getattr(n, "name", None) in names
                        or (isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) in names)]
                namespace = {"os": __import__("os")}
                exec(compile(ast.Module(body=keep, type_ignores=[]), "dag", "exec"), namespace)
                class Listing:
                    def __init__(self, *days): self.days = days
                    def list_objects_v2(self, **request):
                        assert request["Delimiter"] == "/" and request["Prefix"] == "raw/PinterestTopic/dt=", request
                        return {"CommonPrefixes": [{"Prefix": f"raw/PinterestTopic/dt={d}/"} for d in self.days][:1]}
                print(namespace["first_archived_day"](Listing("2026-11-20", "2026-11-21")))
                print(namespace["first_archived_day"](Listing()))
                """;
        Path script = Files.writeString(Path.of("target/first_archived_day_probe.py"), probe);

        assertThat(run("python3", script.toString(), DAG.toString()).lines()).containsExactly("2026-11-20", "None");
        assertThat(Files.readString(DAG))
                .contains(
                        "first = None if exists else first_archived_day(s3)",
                        "raise AirflowSkipException(verdict.message)");
    }

    private static JsonNode sparkSubmit() {
        assertThat(contract.get("spark_submit")).hasSize(1);
        return contract.get("spark_submit").get(0);
    }

    private static Path script() {
        return Path.of("target/test-classes/dag_contract.py");
    }

    private static boolean python3Available() {
        try {
            run("python3", "--version");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .put(
                        "PYTHONPYCACHEPREFIX",
                        Path.of("target/pycache").toAbsolutePath().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
