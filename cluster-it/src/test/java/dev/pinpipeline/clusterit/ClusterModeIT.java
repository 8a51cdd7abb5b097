package dev.pinpipeline.clusterit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipeline.clusterit.SparkService.Substitutions;
import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import dev.pinpipeline.schema.SchemaMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The jobs' cluster jars on a real Spark standalone cluster: Spark's own Master and one Worker (started with the
 * compose services' commands) as local processes, executors as separate JVMs launched by the Worker, the drivers
 * run by {@code SparkSubmit} in client mode, as in docker-compose.yml and the DAG. Kafka, S3Proxy and PostgreSQL
 * are the local-infra servers.
 *
 * <p>The submissions are read from docker-compose.yml (spark-streaming) and the DAG (spark-batch); only what must
 * differ on this machine is replaced: the master URL, host names and bind addresses (127.0.0.1), fixed ports (free
 * ones: the machine is shared), the jar path (the jar this build made), and the endpoints in the jobs' environment.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES) // bounds, not durations: a shared 2-core machine can be 20x slower
class ClusterModeIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA, Server.S3, Server.POSTGRES);

    private static final Path REPOSITORY = Path.of(System.getProperty("repository.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path CLUSTER_JARS = Path.of(System.getProperty("cluster.jars", "target/cluster-jars"));
    private static final Duration CONVERGES = Duration.ofSeconds(240);
    private static final String LOOPBACK = "127.0.0.1";
    private static final LocalDate DAY = LocalDate.parse("2026-11-20");

    private static ComposeFile compose;
    private static SparkHome sparkHome;
    private static SparkProcess master;
    private static SparkProcess worker;
    private static String masterUrl;
    private static int masterUiPort;

    private final List<SparkProcess> drivers = new ArrayList<>();

    @TempDir
    Path checkpoints;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startMasterAndWorkerAsComposeStartsThem() throws IOException, InterruptedException {
        compose = ComposeFile.of(REPOSITORY);
        sparkHome = SparkHome.create();
        sparkHome.deleteWorkDirectory();
        int masterPort = SparkService.freePort();
        masterUiPort = SparkService.freePort();
        Substitutions substitutions = new Substitutions(Map.of(
                "spark-master",
                LOOPBACK,
                "7077",
                Integer.toString(masterPort),
                "8080",
                Integer.toString(masterUiPort),
                "8081",
                Integer.toString(SparkService.freePort())));
        // SPARK_LOCAL_IP=127.0.0.1 (set by the build for every Spark test JVM and inherited) keeps the UIs and the
        // Worker on loopback. Small daemon heaps: they only schedule.
        master = SparkService.start(compose, "spark-master", substitutions, sparkHome, "256m", Map.of());
        // As compose starts them: the Worker once the Master is up (depends_on: service_healthy).
        awaitCluster(
                "the Master's UI answers",
                () -> master.isAlive() && masterStatus().status().equals("ALIVE"));
        // The port the Master bound: the free port picked above, or the next one if another process took it since.
        masterUrl = masterStatus().url();
        substitutions = substitutions.with("7077", masterUrl.substring(masterUrl.lastIndexOf(':') + 1));
        worker = SparkService.start(compose, "spark-worker", substitutions, sparkHome, "256m", Map.of());
        awaitCluster(
                "the Worker registered with the Master",
                () -> master.isAlive() && worker.isAlive() && masterStatus().aliveWorkers() == 1);
        // As compose's schema-migrate one-shot does before the jobs start: the jobs only check the version.
        SchemaMigration.migrate(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password());
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @AfterEach
    void stopDrivers() throws InterruptedException {
        for (SparkProcess driver : drivers) {
            driver.close();
        }
        // The next test's application gets the Worker's cores only once this one is gone.
        await("the application gone from the Master")
                .atMost(CONVERGES)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() ->
                        MasterStatus.read(LOOPBACK, masterUiPort).activeApps().isEmpty());
    }

    // ---------------------------------------------------------------- spark-streaming, from docker-compose.yml

    @Test
    void streamingJobOfComposeWritesEveryEventExactlyOnceThoughAnExecutorIsKilledWithSigkill() throws Exception {
        Submission composed = JobSources.streaming(compose);
        Submission submitted = composed.withMaster(masterUrl)
                .withApplication(clusterJar("spark-streaming").toString())
                .withConf("spark.driver.host", LOOPBACK)
                .withConf("spark.driver.bindAddress", LOOPBACK)
                .withConf("spark.driver.port", Integer.toString(SparkService.freePort()))
                .withConf("spark.blockManager.port", Integer.toString(SparkService.freePort()));
        assertTakenVerbatim(
                composed,
                submitted,
                "spark.driver.host",
                "spark.driver.bindAddress",
                "spark.driver.port",
                "spark.blockManager.port");

        Map<String, String> environment = new HashMap<>(JobSources.streamingEnvironment(compose));
        String topic = environment.get("PINS_TOPIC");
        int partitions = Integer.parseInt(compose.dotEnv("PINS_PARTITIONS"));
        environment.putAll(localEndpoints());
        environment.put(
                "STREAMING_CHECKPOINT", checkpoints.resolve("spark-streaming").toString());
        createTopic(topic, partitions); // what compose's kafka-init does

        Map<String, String> expected = new TreeMap<>();
        try (KafkaProducer<String, String> producer = producer()) {
            produce(producer, topic, 200, expected);
            SparkProcess driver = submit("spark-streaming", submitted, environment);

            await("first rows in pin_events")
                    .atMost(CONVERGES)
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> eventRows(topic).size() > 0 || !driver.isAlive());
            assertThat(driver.isAlive())
                    .as("the driver runs: %s, ending with%n%s", driver.describe(), driver.logTail(40))
                    .isTrue();
            assertApplicationGotTheComposeResources(composed);

            AtomicBoolean producing = new AtomicBoolean(true);
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                for (int round = 0; round < 600 && producing.get(); round++) { // at most ~2.5 min
                    produce(producer, topic, 10, expected);
                    sleep(250);
                }
            });
            ProcessHandle executor = await("an executor of the streaming job")
                    .atMost(CONVERGES)
                    .until(ClusterModeIT::executor, java.util.Optional::isPresent)
                    .orElseThrow();
            int rowsBeforeKill = eventRows(topic).size();
            await("rows written while records keep coming")
                    .atMost(CONVERGES)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> eventRows(topic).size() > rowsBeforeKill);

            assertThat(executor.destroyForcibly())
                    .as("SIGKILL sent to executor %s", executor.pid())
                    .isTrue();
            executor.onExit().get(30, TimeUnit.SECONDS);
            int rowsAtKill = eventRows(topic).size();

            ProcessHandle relaunched = await("the Worker relaunched an executor")
                    .atMost(CONVERGES)
                    .until(
                            ClusterModeIT::executor,
                            e -> e.isPresent() && e.get().pid() != executor.pid())
                    .orElseThrow();
            await("rows written by the new executor")
                    .atMost(CONVERGES)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> eventRows(topic).size() > rowsAtKill);
            producing.set(false);
            stream.get(60, TimeUnit.SECONDS);

            await("every produced event in pin_events")
                    .atMost(CONVERGES)
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> eventRows(topic).size() >= expected.size());
            assertThat(eventRows(topic))
                    .as("pin_events: each produced event once, where Kafka put it (log: %s)", driver.describe())
                    .isEqualTo(expected);
            assertThat(relaunched.isAlive()).isTrue();
            assertThat(driver.isAlive())
                    .as("the driver survived the executor's loss")
                    .isTrue();
        }
    }

    // ---------------------------------------------------------------- spark-batch, from the Airflow DAG

    @Test
    void dailyBatchOfTheDagProcessesTheArchivedDayOnTheCluster() throws Exception {
        Assumptions.assumeTrue(python3Available(), "python3 is needed to read the DAG without Airflow");
        JobSources.DagSubmission dag = JobSources.dag(REPOSITORY, compose);
        assertThat(dag.submission().master())
                .as(
                        "the DAG's master, from its Airflow connection %s in services.%s",
                        dag.connId(), dag.airflowService())
                .startsWith("spark://");
        Submission submitted = dag.submission()
                .withMaster(masterUrl)
                .withApplication(clusterJar("spark-batch").toString())
                .withConf("spark.driver.host", LOOPBACK)
                .withConf("spark.driver.bindAddress", LOOPBACK)
                .withArguments(ClusterModeIT::renderDay);
        assertThat(submitted.applicationArguments())
                .as("the DAG's arguments, its day template rendered")
                .isEqualTo(dag.submission().applicationArguments().stream()
                        .map(ClusterModeIT::renderDay)
                        .toList())
                .contains(DAY.toString());
        assertTakenVerbatim(
                dag.submission().withArguments(ClusterModeIT::renderDay),
                submitted,
                "spark.driver.host",
                "spark.driver.bindAddress");

        Map<String, String> environment = new HashMap<>(dag.environment());
        environment.putAll(localEndpoints());
        String bucket = environment.get("S3_BUCKET");
        String topic = environment.get("PINS_TOPIC");
        List<String> pins = new ArrayList<>(realPins("pins-v2-877.jsonl"));
        pins.addAll(realPins("pins-v1-200-emulator-order.jsonl"));
        ArchiveDay.write(
                infra.s3().endpoint(), infra.s3().accessKey(), infra.s3().secretKey(), bucket, topic, DAY, pins);

        SparkProcess driver = submit("spark-batch", submitted, environment);
        OptionalInt exit = driver.waitFor(480);
        assertThat(exit)
                .as("spark-batch's exit code: %s, ending with%n%s", driver.describe(), driver.logTail(40))
                .hasValue(0);

        // Expected figures from the sample with Jackson, independently of Spark and of pin-cleaning.
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> postsPerCategory = new TreeMap<>();
        List<String> uniqueIds = new ArrayList<>();
        for (String pin : pins) {
            JsonNode node = json.readTree(pin);
            postsPerCategory.merge(node.get("category").asText().strip().toLowerCase(Locale.ROOT), 1L, Long::sum);
            uniqueIds.add(node.get("unique_id").asText().strip().toLowerCase(Locale.ROOT));
        }
        long distinctPins = uniqueIds.stream().distinct().count();

        assertThat(query("SELECT events || ' ' || cleaned || ' ' || distinct_pins || ' ' || rejects || ' ' || complete "
                        + "FROM daily_summary WHERE dt = DATE '" + DAY + "'"))
                .containsExactly(pins.size() + " " + pins.size() + " " + distinctPins + " 0 true");
        Map<String, Long> categoryStats = new TreeMap<>();
        for (String row :
                query("SELECT category || '=' || posts FROM daily_category_stats WHERE dt = DATE '" + DAY + "'")) {
            String[] parts = row.split("=");
            categoryStats.put(parts[0], Long.parseLong(parts[1]));
        }
        assertThat(categoryStats).isEqualTo(postsPerCategory);
        assertThat(query("SELECT count(*) FROM daily_top_posters WHERE dt = DATE '" + DAY + "'"))
                .containsExactly("10");
        assertThat(query("SELECT count(*) FROM daily_top_tags WHERE dt = DATE '" + DAY + "'"))
                .containsExactly("20");

        try (S3Client s3 = ArchiveDay.client(
                infra.s3().endpoint(), infra.s3().accessKey(), infra.s3().secretKey())) {
            CuratedParquet.Rows events = CuratedParquet.under(s3, bucket, "curated/events/dt=" + DAY + "/", scratch);
            CuratedParquet.Rows snapshot =
                    CuratedParquet.under(s3, bucket, "curated/pins_snapshot/dt=" + DAY + "/", scratch);
            assertThat(events.rows())
                    .as("curated events of the day in %s", events.files())
                    .isEqualTo(pins.size());
            assertThat(snapshot.rows())
                    .as("the day's pins snapshot in %s", snapshot.files())
                    .isEqualTo(distinctPins);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static MasterStatus masterStatus() throws IOException, InterruptedException {
        return MasterStatus.read(LOOPBACK, masterUiPort);
    }

    /**
     * Waits until {@code ready} holds; if it does not within {@link #CONVERGES}, fails with what the Master and the
     * Worker logged, the only record of why a daemon did not come up.
     */
    private static void awaitCluster(String alias, Callable<Boolean> ready) {
        try {
            await(alias)
                    .atMost(CONVERGES)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(ready);
        } catch (ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder();
            for (SparkProcess daemon : new SparkProcess[] {master, worker}) {
                if (daemon != null) {
                    logs.append(String.format(
                            "%n%s, alive %s, ending with%n%s",
                            daemon.describe(), daemon.isAlive(), daemon.logTail(30)));
                }
            }
            throw new AssertionError(alias + " within " + CONVERGES + ", Master UI on port " + masterUiPort + logs, e);
        }
    }

    /** Every {@code --conf}, the class and the arguments of {@code source} are in {@code submitted}, but the replaced ones. */
    private static void assertTakenVerbatim(Submission source, Submission submitted, String... replacedConf) {
        Map<String, String> kept = new TreeMap<>(source.conf());
        List.of(replacedConf).forEach(kept::remove);
        assertThat(submitted.conf()).containsAllEntriesOf(kept);
        assertThat(submitted.conf().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Stream.concat(source.conf().keySet().stream(), Stream.of(replacedConf))
                                .distinct()
                                .toList());
        assertThat(submitted.mainClass()).isNotBlank().isEqualTo(source.mainClass());
        assertThat(submitted.name()).isEqualTo(source.name());
        assertThat(submitted.deployMode()).isEqualTo(source.deployMode());
        assertThat(submitted.applicationArguments()).isEqualTo(source.applicationArguments());
    }

    /** The Master granted the application what compose asks for: spark.cores.max cores, spark.executor.memory. */
    private static void assertApplicationGotTheComposeResources(Submission composed) throws Exception {
        MasterStatus.App app =
                MasterStatus.read(LOOPBACK, masterUiPort).activeApps().get(0);
        if (composed.conf().containsKey("spark.cores.max")) {
            assertThat(app.cores())
                    .as("cores of %s", app.name())
                    .isEqualTo(Integer.parseInt(composed.conf().get("spark.cores.max")));
        }
        if (composed.conf().containsKey("spark.executor.memory")) {
            assertThat(app.memoryPerExecutorMb())
                    .as("executor memory of %s", app.name())
                    .isEqualTo(megabytes(composed.conf().get("spark.executor.memory")));
        }
    }

    private SparkProcess submit(String name, Submission submission, Map<String, String> environment) {
        SparkProcess driver = SparkProcess.start(
                name + "-driver",
                sparkHome,
                submission.driverHeap(),
                "org.apache.spark.deploy.SparkSubmit",
                submission.sparkSubmitArguments(),
                environment);
        drivers.add(driver);
        return driver;
    }

    /** The endpoints of this machine's servers, in the shared environment variables the jobs read. */
    private static Map<String, String> localEndpoints() {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers(),
                "S3_ENDPOINT", infra.s3().endpoint(),
                "AWS_ACCESS_KEY_ID", infra.s3().accessKey(),
                "AWS_SECRET_ACCESS_KEY", infra.s3().secretKey(),
                "POSTGRES_URL", infra.postgres().jdbcUrl(),
                "POSTGRES_USER", infra.postgres().user(),
                "POSTGRES_PASSWORD", infra.postgres().password());
    }

    /** The Worker's executor (a child JVM of the Worker), if one runs. */
    private static java.util.Optional<ProcessHandle> executor() {
        return worker.handle()
                .descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .findFirst();
    }

    private static Path clusterJar(String module) {
        Path jar = CLUSTER_JARS.resolve(module + "-cluster.jar");
        assertThat(jar)
                .as("built by the %s module and copied by this module's pom", module)
                .isRegularFile();
        return jar.toAbsolutePath();
    }

    /** Renders the DAG's Jinja templates (e.g. {@code {{ data_interval_start | ds }}}, a Params reference) as the day. */
    private static String renderDay(String text) {
        return text.replaceAll("\\{\\{[^}]*}}", DAY.toString());
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    /**
     * Produces {@code count} events as ingest-api writes them (docs/events.md §1), each a new pin with its own
     * event_id, and records the pin_events row each must become: event_id → unique_id | category | partition/offset.
     */
    private static void produce(
            KafkaProducer<String, String> producer, String topic, int count, Map<String, String> expected) {
        try {
            for (int i = 0; i < count; i++) {
                String uniqueId = UUID.randomUUID().toString();
                String eventId = UUID.randomUUID().toString();
                String category = i % 2 == 0 ? "art" : "travel";
                Instant now = Instant.now();
                ProducerRecord<String, String> record = new ProducerRecord<>(
                        topic,
                        null,
                        now.toEpochMilli(),
                        uniqueId,
                        "{\"index\":" + i + ",\"unique_id\":\"" + uniqueId + "\",\"title\":\"Pin " + i
                                + "\",\"category\":\"" + category + "\"}");
                record.headers().add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
                record.headers()
                        .add(
                                "ingested_at",
                                java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                                        .withZone(java.time.ZoneOffset.UTC)
                                        .format(now)
                                        .getBytes(StandardCharsets.UTF_8));
                RecordMetadata metadata = producer.send(record).get(30, TimeUnit.SECONDS);
                synchronized (expected) {
                    expected.put(
                            eventId,
                            uniqueId + " | " + category + " | " + metadata.partition() + "/" + metadata.offset());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** pin_events rows of {@code topic}: event_id → unique_id | category | partition/offset. */
    private static Map<String, String> eventRows(String topic) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        for (String row : query("SELECT event_id || '=' || unique_id || ' | ' || category || ' | ' || \"partition\" "
                + "|| '/' || \"offset\" FROM pin_events WHERE topic = '" + topic + "'")) {
            String[] parts = row.split("=", 2);
            rows.put(parts[0], parts[1]);
        }
        return rows;
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(
                        infra.postgres().jdbcUrl(),
                        infra.postgres().user(),
                        infra.postgres().password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static List<String> realPins(String file) throws IOException {
        return Files.readAllLines(REPOSITORY.resolve("data/real-pins").resolve(file), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
    }

    private static int megabytes(String memory) {
        String value = memory.trim().toLowerCase(Locale.ROOT);
        long number = Long.parseLong(value.replaceAll("[a-z]+$", ""));
        return switch (value.replaceAll("^[0-9]+", "")) {
            case "g", "gb" -> (int) (number * 1024);
            case "m", "mb", "" -> (int) number;
            default -> throw new IllegalArgumentException("memory " + memory);
        };
    }

    private static boolean python3Available() {
        try {
            Process process = new ProcessBuilder("python3", "--version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
