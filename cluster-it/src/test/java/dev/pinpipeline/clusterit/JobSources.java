package dev.pinpipeline.clusterit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the deployed submissions are written down: spark-streaming's in docker-compose.yml (its image's
 * spark-submit ENTRYPOINT + the service's command), spark-batch's in the Airflow DAG (its SparkSubmitOperator,
 * read without Airflow by spark-batch's dag_contract.py, the master from the operator's Airflow connection as
 * docker-compose.yml sets it).
 */
final class JobSources {

    static final String STREAMING_SERVICE = "spark-streaming";
    static final String DAG_FILE = "airflow/dags/pinterest_daily_batch.py";
    static final String DAG_CONTRACT = "spark-batch/src/test/resources/dag_contract.py";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobSources() {}

    /** spark-streaming's submission: ENTRYPOINT (compose's, else its Dockerfile's) followed by the command. */
    static Submission streaming(ComposeFile compose) throws IOException {
        List<String> argv = new ArrayList<>(compose.entrypoint(STREAMING_SERVICE));
        if (argv.isEmpty()) {
            argv.addAll(dockerfileEntrypoint(compose.dockerfile(STREAMING_SERVICE)));
        }
        argv.addAll(compose.command(STREAMING_SERVICE));
        if (argv.isEmpty() || !argv.get(0).endsWith("spark-submit")) {
            throw new IllegalStateException(STREAMING_SERVICE + " does not run spark-submit: " + argv);
        }
        return Submission.parse(argv.subList(1, argv.size()));
    }

    /** The environment the streaming job gets in compose (interpolated from .env). */
    static Map<String, String> streamingEnvironment(ComposeFile compose) {
        return compose.environment(STREAMING_SERVICE);
    }

    /**
     * The DAG's SparkSubmitOperator as dag_contract.py prints it, with the master of its {@code conn_id} taken from
     * the {@code AIRFLOW_CONN_…} variable of docker-compose.yml. Requires python3.
     */
    static DagSubmission dag(Path repositoryRoot, ComposeFile compose) throws IOException, InterruptedException {
        Process python = new ProcessBuilder(
                        "python3",
                        repositoryRoot.resolve(DAG_CONTRACT).toString(),
                        repositoryRoot.resolve(DAG_FILE).toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new IllegalStateException("dag_contract.py failed: " + output);
        }
        JsonNode submits = JSON.readTree(output).path("spark_submit");
        if (submits.size() != 1) {
            throw new IllegalStateException("expected one SparkSubmitOperator in " + DAG_FILE + ": " + output);
        }
        JsonNode operator = submits.get(0);
        Map<String, String> conf = new LinkedHashMap<>();
        operator.path("conf")
                .fields()
                .forEachRemaining(
                        entry -> conf.put(entry.getKey(), entry.getValue().asText()));
        List<String> arguments = new ArrayList<>();
        operator.path("application_args").forEach(argument -> arguments.add(argument.asText()));
        String connId = operator.path("conn_id").asText("spark_default");
        String variable = "AIRFLOW_CONN_" + connId.toUpperCase(java.util.Locale.ROOT);
        String service = compose.services().stream()
                .filter(name -> compose.environment(name).containsKey(variable))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no service of docker-compose.yml sets " + variable));
        Submission submission = new Submission(
                sparkMaster(compose.environment(service).get(variable)),
                null,
                operator.hasNonNull("name") ? operator.get("name").asText() : null,
                operator.path("java_class").asText(),
                conf,
                operator.path("application").asText(),
                arguments);
        return new DagSubmission(connId, service, compose.environment(service), submission);
    }

    /**
     * The DAG's submission, the Airflow connection its master comes from, and the compose service that defines the
     * connection (Airflow's) with its environment: what spark-submit, run by the operator, passes to the driver.
     */
    record DagSubmission(
            String connId, String airflowService, Map<String, String> environment, Submission submission) {}

    /** {@code spark://host:port} of an Airflow connection in its JSON form ({@code AIRFLOW_CONN_…}). */
    private static String sparkMaster(String connectionJson) throws IOException {
        JsonNode connection = JSON.readTree(connectionJson);
        String host = connection.path("host").asText();
        return connection.hasNonNull("port")
                ? host + ":" + connection.get("port").asText()
                : host;
    }

    /** The exec-form ENTRYPOINT of the Dockerfile's last stage. */
    private static List<String> dockerfileEntrypoint(Path dockerfile) throws IOException {
        List<String> entrypoint = List.of();
        for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
            if (line.startsWith("FROM ")) {
                entrypoint = List.of();
            } else if (line.startsWith("ENTRYPOINT ")) {
                List<String> words = new ArrayList<>();
                JSON.readTree(line.substring("ENTRYPOINT ".length())).forEach(word -> words.add(word.asText()));
                entrypoint = words;
            }
        }
        return entrypoint;
    }
}
