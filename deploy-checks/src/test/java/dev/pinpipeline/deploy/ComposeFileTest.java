package dev.pinpipeline.deploy;

import static dev.pinpipeline.deploy.Compose.environment;
import static dev.pinpipeline.deploy.Compose.healthCheck;
import static dev.pinpipeline.deploy.Compose.map;
import static dev.pinpipeline.deploy.Compose.mebibytes;
import static dev.pinpipeline.deploy.Compose.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml checked without Docker: the Compose Specification's schema, then the rules docs/docker.md
 * states. What only an engine can show (images pulled, containers healthy) is DockerComposeIT's, where Docker exists.
 */
class ComposeFileTest {

    static final long EIGHT_GIB = 8 * 1024;

    static Compose compose;

    @BeforeAll
    static void load() throws IOException {
        compose = Compose.load();
    }

    @Test
    void conformsToTheComposeSpecificationSchema() {
        assertThat(schemaErrors(compose.raw())).as("as written").isEmpty();
        assertThat(schemaErrors(compose.model())).as("interpolated from .env").isEmpty();
    }

    @Test
    void theSchemaCheckRejectsAMisspelledHealthCheckKey() {
        String service = "services:\n  a:\n    image: busybox\n    healthcheck:\n      %s: [\"CMD\", \"true\"]\n";
        assertThat(schemaErrors(Compose.parse(service.formatted("test")))).isEmpty();
        assertThat(schemaErrors(Compose.parse(service.formatted("tset")))).isNotEmpty();
    }

    @Test
    void everyVariableHasAValueInDotEnvOrADefault() throws IOException {
        Map<String, Boolean> references = Compose.references(Files.readString(Compose.FILE));
        assertThat(references).isNotEmpty();
        List<String> missing = references.entrySet().stream()
                .filter(ref -> !ref.getValue() && !compose.env().containsKey(ref.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(missing)
                .as("referenced in docker-compose.yml, without a default, not in .env")
                .isEmpty();
    }

    @Test
    void everyDependsOnTargetExistsWithWhatItsConditionWaitsFor() {
        Map<String, Map<String, Object>> services = compose.services();
        services.forEach((name, service) -> map(service, "depends_on").forEach((target, how) -> {
            assertThat(services).as(name + " depends on " + target).containsKey(target);
            @SuppressWarnings("unchecked")
            String condition = String.valueOf(((Map<String, Object>) how).get("condition"));
            Map<String, Object> dependency = services.get(target);
            switch (condition) {
                case "service_healthy" ->
                    assertThat(healthCheck(dependency))
                            .as(name + " waits for " + target + " to be healthy: it needs a health check")
                            .isNotBlank();
                case "service_completed_successfully" ->
                    assertThat(dependency.get("restart"))
                            .as(name + " waits for " + target + " to complete: a one-shot (restart: \"no\")")
                            .isEqualTo("no");
                case "service_started" -> {}
                default -> throw new AssertionError(name + " → " + target + ": condition " + condition);
            }
        }));
    }

    @Test
    void hostPortsAreUnique() {
        Map<Integer, List<String>> owners = new TreeMap<>();
        compose.services()
                .forEach((name, service) -> strings(service.get("ports")).forEach(port -> {
                    String host = port.substring(0, port.lastIndexOf(':'));
                    host = host.contains(":") ? host.substring(host.lastIndexOf(':') + 1) : host;
                    String[] range = host.split("-");
                    int first = Integer.parseInt(range[0]);
                    int last = Integer.parseInt(range[range.length - 1]);
                    assertThat(last).as(name + " " + port).isGreaterThanOrEqualTo(first);
                    for (int p = first; p <= last; p++) {
                        owners.computeIfAbsent(p, k -> new ArrayList<>()).add(name);
                    }
                }));
        assertThat(owners).isNotEmpty();
        assertThat(owners.entrySet().stream()
                        .filter(e -> e.getValue().size() > 1)
                        .map(String::valueOf))
                .as("host ports taken twice")
                .isEmpty();
    }

    @Test
    void everyServiceHasAMemoryLimitAndEveryJvmAnExplicitHeap() {
        compose.services().forEach((name, service) -> {
            assertThat(service.get("mem_limit")).as(name + " mem_limit").isNotNull();
            if (isJvm(name, service)) {
                assertThat(heapSetting(service))
                        .as(name + ": a JVM needs an explicit heap")
                        .isNotNull();
            }
        });
    }

    @Test
    void theRunningStackWithADailyBatchFitsIn8GiB() {
        // One-shots (kafka-init, s3-init, airflow-init, schema-migrate) have exited before anything else runs.
        assertThat(runningLimits().values().stream().mapToLong(Long::longValue).sum())
                .isLessThanOrEqualTo(EIGHT_GIB);
    }

    @Test
    void theDocsMemoryTableIsTheComposeFilesLimits() throws IOException {
        Map<String, Long> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| (\\d+[mg]) \\|")
                .matcher(Files.readString(Compose.ROOT.resolve("docs/docker.md")));
        while (row.find()) {
            documented.put(row.group(1), mebibytes(row.group(2)));
        }
        Map<String, Long> limits = new LinkedHashMap<>();
        compose.services()
                .forEach((name, service) -> limits.put(name, mebibytes(String.valueOf(service.get("mem_limit")))));
        assertThat(documented).isEqualTo(limits);
    }

    @Test
    void theWorkerHoldsTheStreamsAndTheBatchsExecutors() {
        Map<String, Object> worker = compose.service("spark-worker");
        List<String> args = strings(worker.get("command"));
        int cores = Integer.parseInt(args.get(args.indexOf("--cores") + 1));
        long memory = mebibytes(args.get(args.indexOf("--memory") + 1));
        List<String> streaming = strings(compose.service("spark-streaming").get("command"));
        Map<String, String> batch = environment(compose.service("airflow-scheduler"));
        int partitions = Integer.parseInt(compose.env().get("PINS_PARTITIONS"));

        // The real-time trigger needs one core per partition: the stream asks for exactly that many.
        assertThat(streaming).contains("spark.cores.max=" + partitions);
        assertThat(cores).isGreaterThanOrEqualTo(partitions + Integer.parseInt(batch.get("BATCH_CORES_MAX")));
        assertThat(memory)
                .isGreaterThanOrEqualTo(mebibytes(conf(streaming, "spark.executor.memory"))
                        + mebibytes(batch.get("BATCH_EXECUTOR_MEMORY")));
        assertThat(mebibytes(String.valueOf(worker.get("mem_limit"))))
                .as("worker limit: daemon + executors")
                .isGreaterThan(memory + mebibytes(environment(worker).get("SPARK_DAEMON_MEMORY")));
    }

    @Test
    void theDagsExecutorDefaultsAreWhatTheWorkerWasSizedFor() throws Exception {
        assumeTrue(AirflowDateLogicTest.python3(), "python3 is not installed: the DAG's spark-submit conf is not read");
        Process process = new ProcessBuilder(
                        "python3",
                        "-B",
                        "spark-batch/src/test/resources/dag_contract.py",
                        "airflow/dags/pinterest_daily_batch.py")
                .directory(Compose.ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        // The cluster tests submit with the DAG's defaults; the scheduler's environment (from .env) overrides them.
        JsonNode conf =
                JsonMapper.shared().readTree(output).get("spark_submit").get(0).get("conf");
        assertThat(conf.get("spark.executor.memory").asString())
                .isEqualTo(compose.env().get("BATCH_EXECUTOR_MEMORY"));
        assertThat(conf.get("spark.cores.max").asString())
                .isEqualTo(compose.env().get("BATCH_CORES_MAX"));
    }

    @Test
    void sparkHealthChecksProbeTheAddressesSparkListensOn() {
        // The Master binds its RPC port to its --host address only; never to loopback.
        Map<String, Object> master = compose.service("spark-master");
        List<String> args = strings(master.get("command"));
        String host = args.get(args.indexOf("--host") + 1);
        String port = args.get(args.indexOf("--port") + 1);
        assertThat(master.get("hostname")).isEqualTo(host);
        assertThat(healthCheck(master))
                .contains("/dev/tcp/" + host + "/" + port)
                .doesNotContain("127.0.0.1", "localhost");

        // The Worker's web UI binds every address; the check names the container's own host name.
        Map<String, Object> worker = compose.service("spark-worker");
        List<String> workerArgs = strings(worker.get("command"));
        String uiPort = workerArgs.get(workerArgs.indexOf("--webui-port") + 1);
        assertThat(healthCheck(worker))
                .contains("/dev/tcp/$(hostname)/" + uiPort)
                .doesNotContain("127.0.0.1", "localhost");
    }

    @Test
    void kafkaRunsThreeKraftBrokersWithReplicationThreeAndMinInSyncTwo() {
        List<String> brokers = compose.services().keySet().stream()
                .filter(name -> name.matches("kafka-\\d"))
                .toList();
        assertThat(brokers).containsExactly("kafka-1", "kafka-2", "kafka-3");
        Set<String> voters = new TreeSet<>();
        for (String broker : brokers) {
            Map<String, String> env = environment(compose.service(broker));
            voters.add(env.get("KAFKA_NODE_ID") + "@" + broker + ":9093");
            assertThat(Set.of(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")))
                    .as(broker)
                    .contains(env.get("KAFKA_NODE_ID") + "@" + broker + ":9093");
            assertThat(env)
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).startsWith("INTERNAL://" + broker + ":19092,");
        }
        assertThat(voters).hasSize(3);
        assertThat(Set.of(compose.env().get("KAFKA_VOTERS").split(","))).isEqualTo(voters);
        assertThat(String.join(" ", strings(compose.service("kafka-init").get("command"))))
                .contains(
                        "--replication-factor 3",
                        "--config min.insync.replicas=2",
                        "--partitions " + compose.env().get("PINS_PARTITIONS"));
    }

    @Test
    void mavenStagesLockTheirSharedCacheSoParallelBuildsTakeTurns() throws IOException {
        Set<String> dockerfiles = new TreeSet<>();
        compose.services().values().forEach(service -> {
            Object build = map(service, "build").get("dockerfile");
            if (build != null) {
                dockerfiles.add(String.valueOf(build));
            }
        });
        assertThat(dockerfiles).hasSizeGreaterThanOrEqualTo(5);
        for (String dockerfile : dockerfiles) {
            List<String> mounts = Pattern.compile("--mount=\\S+")
                    .matcher(Files.readString(Compose.ROOT.resolve(dockerfile)))
                    .results()
                    .map(m -> m.group())
                    .toList();
            assertThat(mounts)
                    .as(dockerfile)
                    .isNotEmpty()
                    .allSatisfy(mount -> assertThat(mount).contains("sharing=locked"));
        }
    }

    @Test
    void s3proxyIsPinnedToAReleaseTagAndGetsOnlyTheVariablesItsImageReads() {
        Map<String, Object> s3 = compose.service("s3");
        assertThat(String.valueOf(s3.get("image"))).matches("andrewgaul/s3proxy:s3proxy-\\d+\\.\\d+\\.\\d+");
        // What the image's run-docker-container.sh reads (s3proxy-4.0.0), besides S3PROXY_*_FILE secrets.
        Set<String> read = Set.of(
                "LOG_LEVEL",
                "S3PROXY_ENDPOINT",
                "S3PROXY_SECURE_ENDPOINT",
                "S3PROXY_VIRTUALHOST",
                "S3PROXY_KEYSTORE_PATH",
                "S3PROXY_KEYSTORE_PASSWORD",
                "S3PROXY_AUTHORIZATION",
                "S3PROXY_IDENTITY",
                "S3PROXY_CREDENTIAL",
                "S3PROXY_CORS_ALLOW_ALL",
                "S3PROXY_IGNORE_UNKNOWN_HEADERS",
                "S3PROXY_V4_MAX_CHUNK_SIZE",
                "S3PROXY_READ_ONLY_BLOBSTORE",
                "S3PROXY_METRICS_ENABLED",
                "S3PROXY_JAVA_OPTS",
                "JCLOUDS_PROVIDER",
                "JCLOUDS_IDENTITY",
                "JCLOUDS_CREDENTIAL",
                "JCLOUDS_ENDPOINT",
                "JCLOUDS_REGION",
                "JCLOUDS_FILESYSTEM_BASEDIR");
        assertThat(read).containsAll(environment(s3).keySet());
    }

    @Test
    void theServicesGetOnlyTheVariablesTheirCodeReads() throws IOException {
        assertReadsAll("ingest-api", settingsOf("ingest-api/src/main/resources/application.properties"));
        assertReadsAll("batch-consumer", settingsOf("batch-consumer/src/main/resources/application.properties"));
        // spark-streaming's Kafka and PostgreSQL options are pipeline-cli's mixins.
        Set<String> streaming = new TreeSet<>(settingsOf("spark-streaming/src/main/java"));
        streaming.addAll(settingsOf("pipeline-cli/src/main/java/dev/pinpipeline/cli/KafkaOptions.java"));
        streaming.addAll(settingsOf("pipeline-cli/src/main/java/dev/pinpipeline/cli/PostgresOptions.java"));
        assertReadsAll("spark-streaming", streaming);
        assertReadsAll("schema-migrate", settingsOf("pipeline-schema/src/main/java"));
    }

    @Test
    void theJobsStartOnlyAfterTheSchemaMigrationCompleted() {
        for (String job : List.of("spark-streaming", "airflow-scheduler")) {
            assertThat(String.valueOf(map(compose.service(job), "depends_on").get("schema-migrate")))
                    .as(job)
                    .contains("service_completed_successfully");
        }
        assertThat(environment(compose.service("schema-migrate")))
                .containsAllEntriesOf(Map.of(
                        "POSTGRES_URL",
                        environment(compose.service("spark-streaming")).get("POSTGRES_URL"),
                        "POSTGRES_USER",
                        environment(compose.service("spark-streaming")).get("POSTGRES_USER")));
    }

    @Test
    void airflowIsLaidOutAsItsOfficialComposeWithAHealthCheckEach() {
        for (String component :
                List.of("airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer")) {
            Map<String, Object> service = compose.service(component);
            assertThat(healthCheck(service)).as(component).isNotBlank();
            assertThat(map(service, "depends_on")).as(component).containsKey("airflow-init");
            // Tokens one component signs must verify in the others: the same secrets everywhere.
            assertThat(environment(service))
                    .as(component)
                    .containsEntry(
                            "AIRFLOW__API_AUTH__JWT_SECRET", compose.env().get("AIRFLOW_JWT_SECRET"))
                    .containsEntry("AIRFLOW__API__SECRET_KEY", compose.env().get("AIRFLOW_SECRET_KEY"))
                    .containsEntry(
                            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL", "http://airflow-api-server:8080/execution/");
        }
        assertThat(compose.service("airflow-init").get("restart")).isEqualTo("no");
        assertThat(environment(compose.service("airflow-scheduler")))
                .containsEntry(
                        "SPARK_DRIVER_HOST",
                        String.valueOf(compose.service("airflow-scheduler").get("hostname")));
    }

    private static void assertReadsAll(String service, Set<String> read) {
        Set<String> given = new TreeSet<>(environment(compose.service(service)).keySet());
        given.remove("JAVA_TOOL_OPTIONS"); // read by the JVM itself
        assertThat(read).as(service + " reads").isNotEmpty().containsAll(given);
    }

    /**
     * Environment variables a module reads: ${NAME:default} in properties, ${env:NAME…}, valueOf(env, "NAME") and
     * env.getOrDefault("NAME", …) in Java, and the same with a name of pin-events' SharedEnvironment
     * ("${env:" + NAME + …, valueOf(env, NAME)).
     */
    private static Set<String> settingsOf(String path) throws IOException {
        Pattern reads = Pattern.compile("\\$\\{(?:env:)?([A-Z][A-Z0-9_]*)[:}]"
                + "|(?:valueOf\\(env, |env\\.getOrDefault\\()\"([A-Z][A-Z0-9_]*)\""
                + "|\\$\\{env:\" \\+ (?:SharedEnvironment\\.)?([A-Z][A-Z0-9_]*)\\b"
                + "|valueOf\\(env, (?:SharedEnvironment\\.)?([A-Z][A-Z0-9_]*)\\)");
        Set<String> names = new TreeSet<>();
        try (var files = Files.walk(Compose.ROOT.resolve(path))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = reads.matcher(Files.readString(file));
                while (m.find()) {
                    for (int group = 1; group <= m.groupCount(); group++) {
                        if (m.group(group) != null) {
                            names.add(m.group(group));
                        }
                    }
                }
            }
        }
        return names;
    }

    private static Map<String, Long> runningLimits() {
        Set<String> oneShots = new TreeSet<>();
        compose.services()
                .values()
                .forEach(service -> map(service, "depends_on").forEach((target, how) -> {
                    if (String.valueOf(how).contains("service_completed_successfully")) {
                        oneShots.add(target);
                    }
                }));
        assertThat(oneShots).containsExactlyInAnyOrder("kafka-init", "s3-init", "airflow-init", "schema-migrate");
        Map<String, Long> limits = new HashMap<>();
        compose.services().forEach((name, service) -> {
            if (!oneShots.contains(name)) {
                limits.put(name, mebibytes(String.valueOf(service.get("mem_limit"))));
            }
        });
        return limits;
    }

    private static boolean isJvm(String name, Map<String, Object> service) {
        String image = String.valueOf(service.get("image"));
        return image.startsWith("apache/kafka")
                || image.startsWith("andrewgaul/s3proxy")
                || image.startsWith("apache/spark")
                || (image.startsWith("pinpipeline/") && !name.startsWith("airflow"));
    }

    /** The heap setting each JVM image reads, or null. */
    private static String heapSetting(Map<String, Object> service) {
        Map<String, String> env = environment(service);
        List<String> command = strings(service.get("command"));
        return env.entrySet().stream()
                .filter(e -> Set.of("KAFKA_HEAP_OPTS", "S3PROXY_JAVA_OPTS", "JAVA_TOOL_OPTIONS")
                                        .contains(e.getKey())
                                && e.getValue().contains("-Xmx")
                        || e.getKey().equals("SPARK_DAEMON_MEMORY"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseGet(() -> command.stream()
                        .filter(arg -> arg.startsWith("spark.driver.memory="))
                        .findFirst()
                        .orElse(null));
    }

    private static String conf(List<String> sparkSubmitArgs, String key) {
        return sparkSubmitArgs.stream()
                .filter(arg -> arg.startsWith(key + "="))
                .map(arg -> arg.substring(key.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no --conf " + key + " in " + sparkSubmitArgs));
    }

    static List<String> schemaErrors(Map<String, Object> document) {
        // Loaded from its classpath location, against which the schema's relative $id resolves.
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
        List<Error> errors = schema.validate(JsonMapper.shared().valueToTree(document));
        return errors.stream().map(Error::toString).collect(Collectors.toList());
    }
}
