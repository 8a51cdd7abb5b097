package dev.pinpipeline.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.infra.LocalStack;
import dev.pinpipeline.local.infra.S3Clients;
import dev.pinpipeline.local.process.ChildProcess;
import dev.pinpipeline.local.run.LocalPipeline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole pipeline on real local servers, from the jars the other modules built: the user emulator posts
 * {@value #N} real pins (with repeats of the same pin, as the original did) → ingest-api → Kafka →
 * batch-consumer (archive) and spark-streaming (PostgreSQL); then the daily batch job reads the archive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LocalPipelineIT {

    static final int N = 300;

    @TempDir
    static Path dataDir;

    static LocalPipeline pipeline;
    static S3Client s3;

    @BeforeAll
    static void startThePipelineAndPostNRealPins() throws Exception {
        ProjectLayout layout = new ProjectLayout(Path.of("..").toAbsolutePath().normalize());
        assertThat(layout.missingArtifacts())
                .as("jars built by the other modules")
                .isEmpty();
        pipeline = LocalPipeline.start(
                        layout,
                        new LocalPipeline.Config(
                                dataDir,
                                new LocalStack.Ports(0, 0, 0),
                                freePort(),
                                freePort(),
                                "PinterestTopic",
                                2,
                                "pinterestdata"),
                        System.out::println)
                .awaitReady();
        var e = pipeline.endpoints();
        s3 = S3Clients.local(e.s3Endpoint(), e.s3AccessKey(), e.s3SecretKey(), e.s3Region());

        // --seed: the same pins each run; the emulator picks rows at random, so some pins arrive more than once.
        ChildProcess emulator =
                pipeline.startEmulator(List.of("--count", Integer.toString(N), "--rate", "100", "--seed", "7"));
        assertThat(emulator.process().waitFor(120, TimeUnit.SECONDS))
                .as("emulator finished")
                .isTrue();
        assertThat(emulator.exitCode())
                .as("emulator exit code, see " + emulator.logFile())
                .isZero();
    }

    @AfterAll
    static void stopEverything() {
        if (s3 != null) {
            s3.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void theArchiveHoldsEveryPostExactlyOnce() {
        List<ArchivedEvent> archived = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(LocalPipelineIT::archivedEvents, events -> events.size() >= N);

        assertThat(archived).hasSize(N);
        assertThat(archived.stream().map(ArchivedEvent::eventId).distinct()).hasSize(N);
    }

    @Test
    @Order(2)
    void postgresHoldsEveryEventAndTheLatestStateOfEachPin() throws SQLException {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> count("select count(*) from pin_events"), n -> n >= N);
        List<ArchivedEvent> archived = archivedEvents();
        Map<String, ArchivedEvent> latest = new HashMap<>();
        for (ArchivedEvent event : archived) {
            latest.merge(event.uniqueId().toLowerCase(), event, (a, b) -> b.isNewerThan(a) ? b : a);
        }
        assertThat(latest.size()).as("the sample repeats pins").isLessThan(N);

        assertThat(count("select count(*) from pin_events")).isEqualTo(N);
        assertThat(count("select count(distinct event_id) from pin_events")).isEqualTo(N);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from pins"), n -> n == latest.size());

        Map<String, String> eventOfPin = new HashMap<>();
        Map<String, String> categoryOfPin = new HashMap<>();
        Map<String, Integer> indexOfPin = new HashMap<>();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select unique_id::text, event_id, category, ind from pins")) {
            while (rs.next()) {
                eventOfPin.put(rs.getString(1), rs.getString(2));
                categoryOfPin.put(rs.getString(1), rs.getString(3));
                indexOfPin.put(rs.getString(1), rs.getInt(4));
            }
        }
        Map<String, String> expectedEvent = latest.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, en -> en.getValue().eventId()));
        assertThat(eventOfPin)
                .as("each pin's state comes from its latest event")
                .isEqualTo(expectedEvent);
        latest.forEach((id, event) -> {
            assertThat(categoryOfPin.get(id)).isEqualTo(event.category().toLowerCase());
            assertThat(indexOfPin.get(id)).isEqualTo(event.index());
        });
        assertThat(count("select count(*) from pin_rejects"))
                .as("real pins are never rejects")
                .isZero();
    }

    @Test
    @Order(3)
    void theDailyBatchReportsEveryPostOfTheDay() throws Exception {
        Set<String> days = archivedEvents().stream()
                .map(e -> e.ingestedAt().atZone(ZoneOffset.UTC).toLocalDate().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        long reported = 0;
        for (String day : days) {
            String report = runDailyBatch(day);
            Matcher events =
                    Pattern.compile("(?m)^\\s*events\\s+([\\d,]+)\\s*$").matcher(report);
            assertThat(events.find()).as("report of " + day + ":\n" + report).isTrue();
            reported += Long.parseLong(events.group(1).replace(",", ""));
        }
        assertThat(reported).isEqualTo(N);
    }

    static String runDailyBatch(String day) throws Exception {
        Path log = dataDir.resolve("logs/daily-batch-" + day + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(
                        pipeline.commands().dailyBatch(day, List.of("--no-require-success")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(pipeline.commands().batchEnvironment());
        Process job = builder.start();
        try {
            assertThat(job.waitFor(150, TimeUnit.SECONDS))
                    .as("batch finished, see " + log)
                    .isTrue();
        } finally {
            job.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(job.exitValue()).as("batch exit code:\n" + output).isZero();
        return output;
    }

    static List<ArchivedEvent> archivedEvents() {
        String bucket = pipeline.endpoints().bucket();
        List<ArchivedEvent> events = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("raw/PinterestTopic/"))
                .contents()) {
            if (!object.key().endsWith(".jsonl.gz")) {
                continue;
            }
            try (var in = s3.getObject(r -> r.bucket(bucket).key(object.key()));
                    BufferedReader reader = new BufferedReader(
                            new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
                reader.lines()
                        .filter(l -> !l.isBlank())
                        .map(ArchivedEvent::parse)
                        .forEach(events::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    static long count(String sql) throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection connect() throws SQLException {
        var e = pipeline.endpoints();
        return DriverManager.getConnection(e.postgresJdbcUrl(), e.postgresUser(), e.postgresPassword());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
