package dev.pinpipeline.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import dev.pinpipeline.schema.SchemaMigration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the job promises in either trigger mode, against the real broker and PostgreSQL, the job running as its own
 * process. Each test has its own topic and checkpoint; the expected tables are computed by {@link PinScenario}.
 */
abstract class StreamingJobContract {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA, Server.POSTGRES);

    @BeforeAll
    static void migrateSchema() { // as ./pipeline and compose do before the job starts
        SchemaMigration.migrate(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password());
    }

    /** Seconds alone on 2 cores; minutes on a machine shared with other builds. */
    private static final Duration CONVERGES = Duration.ofMinutes(5);
    /** From a job's start to its first rows: ~20 s alone on 2 cores, minutes on a machine shared with other builds. */
    private static final Duration FIRST_ROWS = Duration.ofMinutes(5);

    @TempDir
    Path checkpoints;

    private String topic;
    private String testName;
    private final List<JobProcess> jobs = new ArrayList<>();
    private KafkaProducer<String, String> producer;
    private KafkaProducer<byte[], byte[]> bytesProducer;
    private PostgresTables tables;

    abstract TriggerMode mode();

    @BeforeEach
    void createTopic(TestInfo test) throws Exception {
        testName = getClass().getSimpleName() + "-"
                + test.getTestMethod().orElseThrow().getName();
        topic = "pins-" + mode() + "-" + test.getTestMethod().orElseThrow().getName();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(properties);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        bytesProducer = new KafkaProducer<>(properties);
        tables = new PostgresTables(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password());
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (JobProcess job : jobs) {
            job.close();
        }
        producer.close();
        bytesProducer.close();
        if (!infra.postgres().isRunning()) {
            infra.postgres().start();
        }
    }

    @Test
    void writesExactlyTheExpectedTablesDespiteDuplicatesLateEventsAndPoisonRecords() throws Exception {
        PinScenario scenario = scenario(11);
        scenario.produce(producer, topic, 300);
        startJob();

        awaitTablesAsExpected(scenario);

        assertThat(deadLetters())
                .as("one dead letter per poison record")
                .hasSameSizeAs(scenario.expectedRejects().keySet())
                .containsExactlyInAnyOrderElementsOf(scenario.expectedRejects().keySet());
        assertThat(tables.count("SELECT count(*) FROM category_minute_counts")).isPositive();
        // Its lag per partition, caught up: the next offset is each partition's record count, from Kafka's acks.
        Map<Integer, Long> nextOffsets = new TreeMap<>();
        scenario.sent().forEach(record -> nextOffsets.merge(record.partition(), record.offset() + 1, Math::max));
        Map<Integer, String> caughtUp = new TreeMap<>();
        nextOffsets.forEach((partition, next) -> caughtUp.put(partition, next + "/0"));
        await().atMost(CONVERGES)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> tables.partitionLag(topic), caughtUp::equals);
        assertThat(tables.postCounts(scenario.expectedPostCounts().keySet()))
                .as("pin_post_counts")
                .isEqualTo(scenario.expectedPostCounts());
        List<PostgresTables.ViewEvent> viewed = new ArrayList<>(scenario.expectedViewEvents());
        viewed.addAll(tables.otherTopicsEvents(topic));
        assertThat(tables.categoryMinuteCounts())
                .as("category_minute_counts")
                .isEqualTo(PinScenario.expectedCategoryMinuteCounts(viewed));
    }

    @Test
    void reachesTheSameFinalStateWhenKilledWithSigkillAtRandomMoments() throws Exception {
        PinScenario scenario = scenario(22);
        Random random = new Random(22);
        AtomicBoolean keepProducing = new AtomicBoolean(true);
        // Events keep arriving until the last kill (15 minutes at most), so each new job has new rows to write; 10 a
        // second, so that a slow machine's longer run does not leave the last job a backlog beyond CONVERGES.
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < 900 && keepProducing.get(); round++) {
                scenario.produce(producer, topic, 10);
                sleep(1_000);
            }
        });
        for (int kill = 1; kill <= kills(); kill++) {
            long before = eventsWritten();
            JobProcess job = startJob();
            awaitNewEventsFromALiveJob(job, before, "before kill " + kill);
            // At a random moment once it writes: mid-batch, mid-commit, between batches, mid-checkpoint.
            sleep(random.nextInt(2_500));
            assertThat(job.isAlive())
                    .as("the job is alive at kill %d; its log: %s", kill, job.log())
                    .isTrue();
            job.kill();
        }
        keepProducing.set(false);
        producing.get(60, TimeUnit.SECONDS);
        startJob();

        awaitTablesAsExpected(scenario);
        assertThat(deadLetters())
                .as("every poison record reached the dead-letter topic (at least once)")
                .containsAll(scenario.expectedRejects().keySet());
    }

    @Test
    void restartAfterUnreadRecordsWereDeletedStopsWithAnExplanationOrSkipsTheGapWhenAllowed() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(pinValue(pinId("read-" + i), "read"), pinId("read-" + i), T0.plusSeconds(i));
        }
        // The runs that read (before and after the gap) are micro-batch ones in both modes: what is proved here is what
        // a job of either mode does at start when the checkpoint resumes below what Kafka still holds.
        JobProcess first = startJob(TriggerMode.MICRO_BATCH);
        awaitEventWritten(pinId("read-4"));
        awaitCheckpointResumesAt(5);
        first.close();
        // Unread records, the first three of them then deleted as retention would delete them.
        for (int i = 0; i < 3; i++) {
            send(pinValue(pinId("deleted-" + i), "deleted"), pinId("deleted-" + i), T0.plusSeconds(10 + i));
        }
        RecordMetadata firstKept = send(pinValue(pinId("kept-0"), "kept"), pinId("kept-0"), T0.plusSeconds(20));
        RecordMetadata lastKept = send(pinValue(pinId("kept-1"), "kept"), pinId("kept-1"), T0.plusSeconds(21));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(firstKept.offset())))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }

        JobProcess stopped = startJob();

        assertThat(stopped.waitFor(CONVERGES))
                .as("the job stops on the gap, see " + stopped.log())
                .isTrue();
        assertThat(stopped.exitValue()).isEqualTo(1);
        assertThat(stopped.logText())
                .contains("partition 0: the checkpoint resumes at offset 5, the oldest record left is 8 (3 deleted)")
                .contains("--fail-on-data-loss=false", "--checkpoint")
                .doesNotContain("\tat ", "Exception");

        if (mode() == TriggerMode.REAL_TIME) {
            JobProcess refused = startJob("--fail-on-data-loss=false");
            assertThat(refused.waitFor(CONVERGES))
                    .as("real-time refuses to skip, see " + refused.log())
                    .isTrue();
            assertThat(refused.exitValue()).isEqualTo(1);
            assertThat(refused.logText())
                    .contains("--trigger=micro-batch --fail-on-data-loss=false")
                    .doesNotContain("\tat ");
        }
        // Spark's real-time Kafka reader cannot skip a gap; one micro-batch run skips it for either mode.
        JobProcess skipping = startJob(TriggerMode.MICRO_BATCH, "--fail-on-data-loss=false");

        awaitEventWritten(pinId("kept-1"));
        assertThat(tables.events(topic).keySet())
                .contains(eventIdOf(pinId("kept-0")))
                .doesNotContain(
                        eventIdOf(pinId("deleted-0")), eventIdOf(pinId("deleted-1")), eventIdOf(pinId("deleted-2")));
        awaitCheckpointResumesAt(lastKept.offset() + 1);
        skipping.close();

        send(pinValue(pinId("after-the-gap"), "after"), pinId("after-the-gap"), T0.plusSeconds(30));
        startJob(TriggerMode.MICRO_BATCH);
        awaitEventWritten(pinId("after-the-gap"));
    }

    @Test
    void startsAfterAKillLeftOnlyATemporaryFirstOffsetsEntry() throws Exception {
        // what a SIGKILL during Spark's atomic write of offsets/0 leaves behind
        Path offsets = Files.createDirectories(checkpoints.resolve("checkpoint").resolve("offsets"));
        Files.writeString(offsets.resolve(".0.4f7e3c1a-5b2d-4e8f-9a6c-1d2e3f4a5b6c.tmp"), "v1\n");
        PinScenario scenario = scenario(44);
        scenario.produce(producer, topic, 100);

        startJob();

        awaitTablesAsExpected(scenario);
    }

    @Test
    void aRejectKeepsItsRawBytesInTheDeadLetterTopicAndInPinRejects() throws Exception {
        byte[] raw =
                HexFormat.of().parseHex("7bfffe0041206c6174696e312063616fe9"); // {, not UTF-8, NUL, "A latin1 caf\xe9"
        RecordMetadata poison = send(raw, UUID.randomUUID().toString(), T0);
        String marker = UUID.randomUUID().toString();
        send(pinValue(marker, "after the poison"), marker, T0.plusSeconds(1));

        startJob();

        awaitEventWritten(marker);
        String coordinates = topic + "/" + poison.partition() + "/" + poison.offset();
        assertThat(tables.rawRejects(topic)).containsOnlyKeys(coordinates);
        assertThat(tables.rawRejects(topic).get(coordinates))
                .as("pin_rejects.raw_value")
                .isEqualTo(raw);
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLetterRecords();
        assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactly(coordinates);
        assertThat(deadLetters.get(0).value()).as("the dead letter's value").isEqualTo(raw);
    }

    @Test
    void aPoisonRecordTooLargeForTheDeadLetterTopicIsDeadLetteredTruncatedAndTheStreamGoesOn() throws Exception {
        // Just under 1 MiB with its key and headers, as the broker accepts it; the dead letter's longer key and dlq.*
        // headers push it over the producer's max.request.size (1 MiB).
        byte[] huge = new byte[1_048_354];
        Arrays.fill(huge, (byte) 'x');
        RecordMetadata poison = send(huge, UUID.randomUUID().toString(), T0);
        String marker = UUID.randomUUID().toString();
        send(pinValue(marker, "after the poison"), marker, T0.plusSeconds(1));

        startJob();

        awaitEventWritten(marker);
        String coordinates = topic + "/" + poison.partition() + "/" + poison.offset();
        assertThat(tables.rawRejects(topic).get(coordinates))
                .as("pin_rejects keeps the whole value")
                .isEqualTo(huge);
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLetterRecords();
        assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactly(coordinates);
        ConsumerRecord<String, byte[]> deadLetter = deadLetters.get(0);
        assertThat(deadLetter.value()).isEqualTo(Arrays.copyOf(huge, 64 * 1024));
        assertThat(header(deadLetter, "dlq.truncated")).isEqualTo("true");
        assertThat(header(deadLetter, "dlq.original-size")).isEqualTo("1048354");
        assertThat(header(deadLetter, "dlq.offset")).isEqualTo(Long.toString(poison.offset()));
        assertThat(header(deadLetter, "dlq.reason")).isEqualTo("not a JSON object");
    }

    @Test
    void aRetriedPostWithTheSameEventIdIsWrittenOnceAndPinsKeepsItsFirstRecord() throws Exception {
        String pin = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        RecordMetadata first = send(pinValue(pin, "first"), pin, eventId, T0);
        send(pinValue(pin, "retry"), pin, eventId, T0.plusSeconds(5));
        String marker = UUID.randomUUID().toString();
        send(pinValue(marker, "after the retry"), marker, T0.plusSeconds(6));

        startJob();

        awaitEventWritten(marker);
        assertThat(tables.events(topic)).containsOnlyKeys(eventId, eventIdOf(marker));
        assertThat(tables.events(topic).get(eventId))
                .contains(" | first | ")
                .endsWith(first.partition() + "/" + first.offset());
        assertThat(tables.pins(topic).get(pin))
                .isEqualTo(PostgresTables.pinRow(eventId, "first", T0, first.partition(), first.offset()));
    }

    /**
     * Waits until pin_events holds more rows of this topic than {@code before} while {@code job} runs: a job that
     * died on its own, or wrote nothing, fails the test with its log instead of passing as if killed mid-write.
     */
    private void awaitNewEventsFromALiveJob(JobProcess job, long before, String when) {
        try {
            await().atMost(FIRST_ROWS)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> eventsWritten() > before || !job.isAlive());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "no new pin_events row within " + FIRST_ROWS.toSeconds() + " s " + when + " (still " + before
                            + "); job log " + job.log() + ":\n" + tail(job.logText()),
                    e);
        }
        assertThat(job.isAlive())
                .as("the job is alive %s; it exited with its log %s:%n%s", when, job.log(), tail(job.logText()))
                .isTrue();
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Rows of this test's topic in pin_events; 0 before the job created its tables. */
    private long eventsWritten() {
        try {
            return tables.count("SELECT count(*) FROM pin_events WHERE topic = '" + topic + "'");
        } catch (IllegalStateException e) {
            return 0;
        }
    }

    @Test
    void resumesWithoutLossWhenPostgresIsKilledMidStream() throws Exception {
        PinScenario scenario = scenario(33);
        JobProcess job = startJob();
        scenario.produce(producer, topic, 100);
        awaitNewEventsFromALiveJob(job, 0, "before PostgreSQL is killed");

        int logBefore = job.logText().length();
        infra.postgres().kill(); // SIGKILL: no goodbye to the job's connections
        scenario.produce(producer, topic, 100);
        // The outage was met: the job retries a write, rather than the test restarting PostgreSQL before anyone
        // noticed.
        await().atMost(CONVERGES)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> job.logText().substring(logBefore).contains("retrying with backoff") || !job.isAlive());
        assertThat(job.isAlive())
                .as("the job waits for PostgreSQL instead of failing; see %s", job.log())
                .isTrue();
        infra.postgres().start();
        scenario.produce(producer, topic, 100);

        awaitTablesAsExpected(scenario);
        assertThat(job.isAlive())
                .as("the job waited for PostgreSQL instead of failing")
                .isTrue();
    }

    @Test
    void resumesWithoutLossWhenKafkaIsKilledMidStream() throws Exception {
        PinScenario scenario = scenario(55);
        JobProcess job = startJob();
        scenario.produce(producer, topic, 100);
        awaitNewEventsFromALiveJob(job, 0, "before Kafka is killed");

        infra.kafka().kill(); // SIGKILL; restarted below on its data
        // Pins keep coming: the producer holds them until the broker is back (each waits for its acknowledgment).
        CompletableFuture<Void> duringOutage = CompletableFuture.runAsync(() -> scenario.produce(producer, topic, 50));
        infra.kafka().start();
        duringOutage.get(120, TimeUnit.SECONDS);
        scenario.produce(producer, topic, 100);

        awaitTablesAsExpected(scenario);
        assertThat(job.isAlive())
                .as("the job outlived the broker's crash; see %s", job.log())
                .isTrue();
    }

    /**
     * A scenario whose pins are this test's own: both trigger modes' tests share one PostgreSQL, and `pins` is keyed
     * by unique_id across topics, so equal seeds in two classes would make their pins compete.
     */
    private PinScenario scenario(long seed) {
        return new PinScenario(seed * 31 + topic.hashCode(), 40);
    }

    int kills() {
        return 3;
    }

    private void awaitTablesAsExpected(PinScenario scenario) {
        try {
            await().atMost(CONVERGES)
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> tables.events(topic).equals(scenario.expectedEvents())
                            && tables.pins(topic).equals(scenario.expectedPins())
                            && tables.rejects(topic).equals(scenario.expectedRejects()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Show the difference (and where the job's log is) rather than a bare timeout.
            System.err.println("Job logs: " + jobs.stream().map(JobProcess::log).toList());
        }
        assertSameRows("pin_events", tables.events(topic), scenario.expectedEvents());
        assertSameRows("pins", tables.pins(topic), scenario.expectedPins());
        assertSameRows("pin_rejects", tables.rejects(topic), scenario.expectedRejects());
    }

    /** Equal maps, or a short report: how many rows are missing, extra or different, with a few examples. */
    private static void assertSameRows(String table, Map<String, String> actual, Map<String, String> expected) {
        List<String> missing = expected.keySet().stream()
                .filter(key -> !actual.containsKey(key))
                .toList();
        List<String> extra = actual.keySet().stream()
                .filter(key -> !expected.containsKey(key))
                .toList();
        List<String> different = expected.keySet().stream()
                .filter(key -> actual.containsKey(key) && !actual.get(key).equals(expected.get(key)))
                .map(key -> key + ": expected " + expected.get(key) + " but was " + actual.get(key))
                .toList();
        assertThat(missing.size() + extra.size() + different.size())
                .as(
                        "%s: %d rows expected, %d found; %d missing %s; %d extra %s; %d different %s",
                        table,
                        expected.size(),
                        actual.size(),
                        missing.size(),
                        first(missing),
                        extra.size(),
                        first(extra),
                        different.size(),
                        first(different))
                .isZero();
    }

    private static List<String> first(List<String> items) {
        return items.subList(0, Math.min(3, items.size()));
    }

    private JobProcess startJob(String... extraArguments) throws Exception {
        return startJob(mode(), extraArguments);
    }

    private JobProcess startJob(TriggerMode mode, String... extraArguments) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--bootstrap-servers=" + bootstrap(),
                "--topic=" + topic,
                "--postgres-url=" + infra.postgres().jdbcUrl(),
                "--postgres-user=" + infra.postgres().user(),
                "--postgres-password=" + infra.postgres().password(),
                "--checkpoint=" + checkpoints.resolve("checkpoint"),
                "--trigger=" + mode,
                // real-time: the shortest checkpoint interval Spark allows, so the crash tests cross many checkpoints
                "--trigger-interval=" + (mode == TriggerMode.REAL_TIME ? "5 seconds" : "0 seconds"),
                "--retry-max-backoff=PT2S"));
        arguments.addAll(List.of(extraArguments));
        JobProcess job = JobProcess.start(testName + "-" + jobs.size(), arguments);
        jobs.add(job);
        return job;
    }

    /** The keys (source coordinates) of the dead-letter topic's records. */
    private List<String> deadLetters() {
        return deadLetterRecords().stream().map(ConsumerRecord::key).toList();
    }

    /** The dead-letter topic's records, key as text, value as bytes. */
    private List<ConsumerRecord<String, byte[]>> deadLetterRecords() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic + ".dlq").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long idleSince = System.nanoTime();
            long deadline = idleSince + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() - idleSince < TimeUnit.SECONDS.toNanos(5) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record);
                    idleSince = System.nanoTime();
                }
            }
        }
        return records;
    }

    /** Relative to the test's start (see PinScenario's T0). */
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    private static final DateTimeFormatter INGESTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static byte[] pinValue(String uniqueId, String title) {
        return ("{\"index\":7,\"unique_id\":\"" + uniqueId + "\",\"category\":\"art\",\"title\":\"" + title + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Waits until the checkpoint's last committed batch ends at {@code offset} of partition 0. */
    private void awaitCheckpointResumesAt(long offset) {
        await().atMost(CONVERGES)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        () -> CheckpointOffsets.resumeOffsets(
                                        checkpoints.resolve("checkpoint").toString(), topic, new Configuration())
                                .get(0),
                        resumeAt -> resumeAt == offset);
    }

    /**
     * A pin's unique_id (a UUID, as the contract wants) named for the reader of a test, and of this test's topic: the
     * event_ids derived from it must not repeat another test's (both trigger modes share one database, where a
     * repeated event_id counts once).
     */
    private String pinId(String name) {
        return UUID.nameUUIDFromBytes((topic + "/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The event_id that {@link #send(byte[], String, Instant)} gives a record: a UUID derived from its key. */
    private static String eventIdOf(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A record on partition 0 (processed in the order sent) with ingest-api's headers, in its canonical form. */
    private RecordMetadata send(byte[] value, String key, Instant ingestedAt) throws Exception {
        return send(value, key, eventIdOf(key), ingestedAt);
    }

    private RecordMetadata send(byte[] value, String key, String eventId, Instant ingestedAt) throws Exception {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, 0, ingestedAt.toEpochMilli(), key.getBytes(StandardCharsets.UTF_8), value);
        record.headers().add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ingested_at", INGESTED_AT.format(ingestedAt).getBytes(StandardCharsets.UTF_8));
        return bytesProducer.send(record).get(30, TimeUnit.SECONDS);
    }

    /** Waits until the marker event (sent after the records under test, on the same partition) is in pin_events. */
    private void awaitEventWritten(String marker) {
        await().atMost(CONVERGES)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> tables.events(topic).containsKey(eventIdOf(marker)));
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String bootstrap() {
        return infra.kafka().bootstrapServers();
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
