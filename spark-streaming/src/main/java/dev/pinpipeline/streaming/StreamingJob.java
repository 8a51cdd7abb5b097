package dev.pinpipeline.streaming;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.streaming.lag.PartitionLagReporter;
import dev.pinpipeline.streaming.schema.SchemaMigrator;
import dev.pinpipeline.streaming.sink.Backoff;
import dev.pinpipeline.streaming.sink.PostgresConnections;
import dev.pinpipeline.streaming.sink.TransientFailures;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Streams the pins topic, cleaned by pin-cleaning, into PostgreSQL: {@code pin_events} (one row per event),
 * {@code pins} (current state per pin), {@code pin_rejects} (+ the dead-letter topic), exactly-once in effect.
 * Creates and migrates its schema at start. Options default to the shared environment variables.
 *
 * <pre>
 * Usage: java ${spark.java.options} -cp "target/classes:$(cat target/local-classpath.txt)" \
 *            dev.pinpipeline.streaming.StreamingJob [--trigger=micro-batch|real-time] [--checkpoint=DIR] …
 *        spark-submit --class dev.pinpipeline.streaming.StreamingJob spark-streaming-0.1.0-SNAPSHOT-cluster.jar \
 *            --checkpoint=s3a://bucket/checkpoints/spark-streaming
 * Run with --help for every option.
 * </pre>
 *
 * The Spark master comes from spark-submit or {@code -Dspark.master=…}; {@code local[*]} when neither sets one.
 */
@Command(name = "spark-streaming", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Kafka pins topic -> pin-cleaning -> PostgreSQL (pin_events, pins, pin_rejects), exactly once.")
public final class StreamingJob implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(StreamingJob.class);

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS) [${DEFAULT-VALUE}]")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "${env:PINS_TOPIC:-PinterestTopic}",
            description = "Topic to read (env PINS_TOPIC) [${DEFAULT-VALUE}]")
    String topic;

    @Option(names = "--dlq-topic", description = "Dead-letter topic for poison records [<topic>.dlq]")
    String deadLetterTopic;

    @Option(names = "--postgres-url", defaultValue = "${env:POSTGRES_URL:-jdbc:postgresql://localhost:5432/pins}",
            description = "PostgreSQL JDBC URL (env POSTGRES_URL) [${DEFAULT-VALUE}]")
    String jdbcUrl;

    @Option(names = "--postgres-user", defaultValue = "${env:POSTGRES_USER:-pins}",
            description = "PostgreSQL user (env POSTGRES_USER) [${DEFAULT-VALUE}]")
    String user;

    @Option(names = "--postgres-password", defaultValue = "${env:POSTGRES_PASSWORD:-pins}", arity = "0..1",
            description = "PostgreSQL password (env POSTGRES_PASSWORD)")
    String password;

    @Option(names = "--checkpoint", defaultValue = "${env:STREAMING_CHECKPOINT:-checkpoints/spark-streaming}",
            description = "Checkpoint location, a directory or s3a://… (env STREAMING_CHECKPOINT) [${DEFAULT-VALUE}]")
    String checkpoint;

    @Option(names = "--trigger", defaultValue = "${env:STREAMING_TRIGGER:-real-time}",
            description = "micro-batch or real-time (env STREAMING_TRIGGER) [${DEFAULT-VALUE}]")
    String trigger;

    @Option(names = "--trigger-interval", defaultValue = "${env:STREAMING_TRIGGER_INTERVAL}",
            description = "micro-batch: time between batches [0 seconds]; real-time: checkpoint interval, "
                    + "at least 5 seconds [5 minutes] (env STREAMING_TRIGGER_INTERVAL)")
    String interval;

    @Option(names = "--starting-offsets", defaultValue = "earliest",
            description = "Where a new checkpoint starts: earliest or latest [${DEFAULT-VALUE}]")
    String startingOffsets;

    @Option(names = "--fail-on-data-loss", defaultValue = "${env:STREAMING_FAIL_ON_DATA_LOSS:-true}", arity = "1",
            description = "Stop with an error when records were deleted by retention before being read; "
                    + "false skips the gap and goes on (env STREAMING_FAIL_ON_DATA_LOSS) [${DEFAULT-VALUE}]")
    boolean failOnDataLoss;

    @Option(names = "--max-offsets-per-trigger", description = "micro-batch: at most this many records per batch")
    Long maxOffsetsPerTrigger;

    @Option(names = "--retry-max-backoff", defaultValue = "PT30S",
            description = "Longest wait between write attempts while PostgreSQL is down, ISO-8601 [${DEFAULT-VALUE}]")
    Duration maxBackoff;

    @Option(names = "--retry-max-time", defaultValue = "PT0S",
            description = "Give up (fail the job) after retrying a write this long; PT0S = never [${DEFAULT-VALUE}]")
    Duration maxRetryTime;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamingJob()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        StreamingConfig config = config();
        log.info("Starting: {}", config);
        migrateSchema(config);
        OptionalInt partitions;
        try (KafkaTopics topics = new KafkaTopics(config.bootstrapServers())) {
            topics.ensureExists(config.deadLetterTopic());
            partitions = topics.partitions(config.topic());
        }
        SparkSession spark = session();
        TriggerChoice choice = TriggerChoice.of(config, partitions, spark.sparkContext().defaultParallelism());
        choice.warning().ifPresent(log::warn);
        try {
            StreamingConfig chosen = choice.config();
            if (!resumableFromCheckpoint(spark, chosen)) {
                return 1;
            }
            return run(spark, chosen);
        } finally {
            spark.stop();
        }
    }

    /**
     * False when records between the checkpoint and what Kafka still holds are gone (retention, or a re-created topic)
     * and the job is to stop on data loss: it says so in one line instead of letting the query fail with Spark's
     * stack trace at every start. With --fail-on-data-loss=false the gap is logged and skipped in micro-batch mode.
     */
    static boolean resumableFromCheckpoint(SparkSession spark, StreamingConfig config) {
        List<DeletedRecords.Gap> gaps;
        try (KafkaTopics topics = new KafkaTopics(config.bootstrapServers())) {
            Map<Integer, Long> resumeAt = CheckpointOffsets.resumeOffsets(config.checkpoint(), config.topic(),
                    spark.sparkContext().hadoopConfiguration());
            if (resumeAt.isEmpty()) {
                return true;
            }
            KafkaTopics.Offsets held = topics.offsets(config.topic());
            gaps = DeletedRecords.find(resumeAt, held.earliest(), held.end());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Could not compare the checkpoint with the topic's offsets ({}); the query checks as it reads",
                    TransientFailures.describe(e));
            return true;
        }
        if (gaps.isEmpty()) {
            return true;
        }
        String explanation = DeletedRecords.explain(config.topic(), config.checkpoint(), gaps);
        if (config.failOnDataLoss()) {
            log.error(explanation);
            return false;
        }
        if (config.trigger() == TriggerMode.REAL_TIME) {
            // Spark 4.1's real-time Kafka reader fails on the first missing offset whatever failOnDataLoss says.
            log.error("{} Real-time mode cannot skip the gap: run once with --trigger=micro-batch "
                    + "--fail-on-data-loss=false, which skips it, then restart in real-time mode.", explanation);
            return false;
        }
        log.warn("{} Going on past the gap (--fail-on-data-loss=false).", explanation);
        return true;
    }

    /** Failed queries restarted from the checkpoint before the job gives up. */
    static final int MAX_QUERY_RESTARTS = 5;
    private static final Backoff QUERY_RESTART_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    /**
     * Runs the query until it stops. A query that fails is restarted from its checkpoint, up to
     * {@link #MAX_QUERY_RESTARTS} times: the checkpoint and the idempotent sink make a restart lose and double
     * nothing. Spark 4.1's Kafka source, for one, fails with a NullPointerException in its progress metrics when a
     * query resumes a batch that was planned but not committed before a crash; the restarted query runs on. Data
     * loss (records deleted by retention) is never retried: it needs a decision (see the README).
     */
    static int run(SparkSession spark, StreamingConfig config) throws Exception {
        AtomicReference<StreamingQuery> current = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            StreamingQuery query = current.get();
            if (query != null) {
                stopQuietly(query);
            }
        }, "pin-streaming-stop"));
        spark.streams().addListener(new PartitionLagReporter(config.jdbcUrl(), config.user(), config.password()));
        for (int restarts = 0; ; restarts++) {
            StreamingQuery query = PinStream.start(PinStream.classified(PinStream.kafkaRecords(spark, config)), config);
            current.set(query);
            try {
                query.awaitTermination();
                log.info("Query stopped");
                return 0;
            } catch (StreamingQueryException e) {
                log.error("Query failed: {}", TransientFailures.describe(e));
                if (isDataLoss(e)) {
                    log.error("Records were deleted from {} (retention) before the job read them. Restart with "
                            + "--fail-on-data-loss=false to skip the gap, or with a new --checkpoint.", config.topic());
                    return 1;
                }
                if (restarts == MAX_QUERY_RESTARTS) {
                    log.error("Giving up after {} restarts", MAX_QUERY_RESTARTS);
                    return 1;
                }
                log.warn("Restarting the query from its checkpoint ({} of {})", restarts + 1, MAX_QUERY_RESTARTS);
                Thread.sleep(QUERY_RESTART_BACKOFF.delay(restarts + 1).toMillis());
            }
        }
    }

    StreamingConfig config() {
        TriggerMode mode = TriggerMode.parse(trigger);
        String triggerInterval = interval == null || interval.isBlank() ? mode.defaultInterval() : interval;
        String dlq = deadLetterTopic == null || deadLetterTopic.isBlank() ? topic + ".dlq" : deadLetterTopic;
        return new StreamingConfig(bootstrapServers, topic, dlq, jdbcUrl, user, password == null ? "" : password,
                checkpoint, mode, triggerInterval, startingOffsets, failOnDataLoss,
                Optional.ofNullable(maxOffsetsPerTrigger), maxBackoff, maxRetryTime);
    }

    /** The schema, created or migrated before the first write; waits for PostgreSQL like the sink does. */
    static void migrateSchema(StreamingConfig config) {
        RetryPolicy<Object> waitForPostgres = new Backoff(Duration.ofMillis(500), config.maxBackoff()).retryPolicy()
                .handleIf(TransientFailures::isTransient)
                .withMaxDuration(config.maxRetryTime().isZero() ? Duration.ofDays(365) : config.maxRetryTime())
                .onFailedAttempt(event -> log.warn("PostgreSQL not ready for the schema migration (attempt {}): {}",
                        event.getAttemptCount(), TransientFailures.describe(event.getLastException())))
                .build();
        Failsafe.with(waitForPostgres).run(() -> {
            try (Connection connection = PostgresConnections.open(config.jdbcUrl(), config.user(), config.password())) {
                SchemaMigrator.migrate(connection);
            }
        });
    }

    private static final String VERIFY_NEW_CHECKPOINT = "spark.sql.streaming.verifyCheckpointDirectoryEmptyOnStart";
    private static final String ADAPTIVE_EXECUTION = "spark.sql.adaptive.enabled";

    /** A session for spark-submit, or a local one (all cores, loopback, no UI) when no master is set. */
    static SparkSession session() {
        SparkSession.Builder builder = SparkSession.builder().appName("pin-streaming");
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            builder.master("local[*]");
        }
        if (conf.get("spark.master", "local[*]").startsWith("local")) {
            builder.config("spark.driver.host", conf.get("spark.driver.host", "127.0.0.1"))
                    .config("spark.driver.bindAddress", conf.get("spark.driver.bindAddress", "127.0.0.1"))
                    .config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"))
                    .config("spark.sql.shuffle.partitions", conf.get("spark.sql.shuffle.partitions", "2"));
        }
        PinCleaning.SPARK_SETTINGS.forEach((key, value) -> builder.config(key, conf.get(key, value)));
        // A SIGKILL while Spark writes the query's first offsets entry leaves only a temporary file in
        // checkpoint/offsets; with this check Spark would then refuse to start the query ever again
        // (STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY). The checkpoint is this job's alone, so the check guards nothing.
        builder.config(VERIFY_NEW_CHECKPOINT, conf.get(VERIFY_NEW_CHECKPOINT, "false"));
        // Streaming queries never use adaptive execution; with it on, Spark warns at every start that it disables it.
        builder.config(ADAPTIVE_EXECUTION, conf.get(ADAPTIVE_EXECUTION, "false"));
        return builder.getOrCreate();
    }

    private static boolean isDataLoss(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("data may have been lost") || message.contains("KAFKA_DATA_LOSS")
                    || t.getClass().getSimpleName().equals("OffsetOutOfRangeException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * From here on, only the job's own lines: a stop interrupts the running tasks (in real-time mode they run for the
     * whole checkpoint interval), and Spark and the Kafka client log each interruption as an error with a stack trace.
     */
    private static void quietSpark() {
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
        Configurator.setLevel(StreamingJob.class.getPackageName(), Level.INFO);
    }

    private static void stopQuietly(StreamingQuery query) {
        try {
            if (query.isActive()) {
                log.info("Stopping the query (its offsets are committed only for written batches)");
                quietSpark();
                query.stop();
            }
        } catch (Exception e) {
            // Spark's own shutdown hook may have stopped the SparkContext first: the query is gone either way.
            log.info("Query stopped with the SparkContext");
        }
    }
}
