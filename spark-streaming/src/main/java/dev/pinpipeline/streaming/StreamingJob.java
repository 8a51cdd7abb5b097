package dev.pinpipeline.streaming;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.cli.DurationConverter;
import dev.pinpipeline.cli.HelpConvention;
import dev.pinpipeline.cli.KafkaOptions;
import dev.pinpipeline.cli.PostgresOptions;
import dev.pinpipeline.events.DeadLetter;
import dev.pinpipeline.retry.Backoff;
import dev.pinpipeline.schema.SchemaVersion;
import dev.pinpipeline.spark.JobSession;
import dev.pinpipeline.streaming.lag.PartitionLagReporter;
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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Streams the pins topic, cleaned by pin-cleaning, into PostgreSQL: {@code pin_events} (one row per event),
 * {@code pins} (current state per pin), {@code pin_rejects} (+ the dead-letter topic), exactly-once in effect.
 * The tables belong to pipeline-schema, migrated before the job starts: the job checks their version at start and
 * stops with exit code {@value SchemaVersion#EXIT_CODE} when it is older than it needs. Options default to the shared
 * environment variables.
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
@Command(
        name = "spark-streaming",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Kafka pins topic -> pin-cleaning -> PostgreSQL (pin_events, pins, pin_rejects), exactly once.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "1:failure (records deleted before they were read, the query failing again after its restarts)",
            "2:bad arguments",
            "4:the database schema is older than this job needs (run pipeline-schema's migration)"
        })
public final class StreamingJob implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(StreamingJob.class);

    @Mixin
    HelpConvention helpConvention;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    PostgresOptions postgres;

    @Option(
            names = "--dlq-topic",
            paramLabel = "TOPIC",
            description = "Dead-letter topic for poison records. Default: the topic's name + .dlq.")
    String deadLetterTopic;

    @Option(
            names = "--checkpoint",
            paramLabel = "DIR",
            defaultValue = "${env:STREAMING_CHECKPOINT:-checkpoints/spark-streaming}",
            description = "Checkpoint location, a directory or s3a://… (env STREAMING_CHECKPOINT).")
    String checkpoint;

    @Option(
            names = "--trigger",
            paramLabel = "MODE",
            defaultValue = "${env:STREAMING_TRIGGER:-real-time}",
            description = "micro-batch or real-time (env STREAMING_TRIGGER).")
    String trigger;

    @Option(
            names = "--trigger-interval",
            paramLabel = "DURATION",
            defaultValue = "${env:STREAMING_TRIGGER_INTERVAL}",
            description = "micro-batch: time between batches; real-time: checkpoint interval, at least 5s"
                    + " (env STREAMING_TRIGGER_INTERVAL). Also Spark's own form, e.g. '2 seconds'."
                    + " Default: 0s for micro-batch, 5m for real-time.")
    String interval;

    @Option(
            names = "--starting-offsets",
            paramLabel = "earliest|latest",
            defaultValue = "earliest",
            description = "Where a new checkpoint starts.")
    String startingOffsets;

    @Option(
            names = "--fail-on-data-loss",
            paramLabel = "true|false",
            defaultValue = "${env:STREAMING_FAIL_ON_DATA_LOSS:-true}",
            arity = "1",
            showDefaultValue = Visibility.ALWAYS,
            description = "Stop with an error when records were deleted by retention before being read; "
                    + "false skips the gap and goes on (env STREAMING_FAIL_ON_DATA_LOSS).")
    boolean failOnDataLoss;

    @Option(
            names = "--max-offsets-per-trigger",
            paramLabel = "N",
            description = "micro-batch: at most this many records per batch. Default: no limit.")
    Long maxOffsetsPerTrigger;

    @Option(
            names = "--retry-max-backoff",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Longest wait between write attempts while PostgreSQL is down.")
    Duration maxBackoff;

    @Option(
            names = "--retry-max-time",
            paramLabel = "DURATION",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description = "Give up (fail the job) after retrying a write this long; 0s = never.")
    Duration maxRetryTime;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamingJob()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        StreamingConfig config = config();
        log.info("Starting: {}", config);
        try {
            // ./pipeline waits for this line (LocalPipeline.STREAMING_READY) before it calls the job started.
            log.info("Schema at version {} (this job needs {})", checkSchema(config), SchemaVersion.REQUIRED);
        } catch (SchemaVersion.TooOld e) {
            log.error(e.getMessage());
            return SchemaVersion.EXIT_CODE;
        }
        OptionalInt partitions;
        try (KafkaTopics topics = new KafkaTopics(config.bootstrapServers())) {
            topics.ensureExists(config.deadLetterTopic());
            partitions = topics.partitions(config.topic());
        }
        SparkSession spark = session();
        TriggerChoice choice =
                TriggerChoice.of(config, partitions, spark.sparkContext().defaultParallelism());
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
            Map<Integer, Long> resumeAt = CheckpointOffsets.resumeOffsets(
                    config.checkpoint(), config.topic(), spark.sparkContext().hadoopConfiguration());
            if (resumeAt.isEmpty()) {
                return true;
            }
            KafkaTopics.Offsets held = topics.offsets(config.topic());
            gaps = DeletedRecords.find(resumeAt, held.earliest(), held.end());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn(
                    "Could not compare the checkpoint with the topic's offsets ({}); the query checks as it reads",
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
            log.error(
                    "{} Real-time mode cannot skip the gap: run once with --trigger=micro-batch "
                            + "--fail-on-data-loss=false, which skips it, then restart in real-time mode.",
                    explanation);
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
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            StreamingQuery query = current.get();
                            if (query != null) {
                                stopQuietly(query);
                            }
                        },
                        "pin-streaming-stop"));
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
                    log.error(
                            "Records were deleted from {} (retention) before the job read them. Restart with "
                                    + "--fail-on-data-loss=false to skip the gap, or with a new --checkpoint.",
                            config.topic());
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
        String triggerInterval =
                interval == null || interval.isBlank() ? mode.defaultInterval() : sparkInterval(interval);
        String dlq = deadLetterTopic == null || deadLetterTopic.isBlank()
                ? DeadLetter.topicFor(kafka.topic)
                : deadLetterTopic;
        return new StreamingConfig(
                kafka.bootstrapServers,
                kafka.topic,
                dlq,
                postgres.url,
                postgres.user,
                postgres.passwordOrEmpty(),
                checkpoint,
                mode,
                triggerInterval,
                startingOffsets,
                failOnDataLoss,
                Optional.ofNullable(maxOffsetsPerTrigger),
                maxBackoff,
                maxRetryTime);
    }

    /**
     * An interval in the tools' duration format ({@code 30s}, {@code PT30S}) as Spark's interval text
     * ({@code 30 seconds}); one already in Spark's form ({@code 2 seconds}) is passed on for Spark to read.
     */
    static String sparkInterval(String interval) {
        Duration duration;
        try {
            duration = new DurationConverter().convert(interval);
        } catch (CommandLine.TypeConversionException sparksOwnForm) {
            return interval;
        }
        return duration.toMillis() % 1000 == 0
                ? duration.toSeconds() + " seconds"
                : duration.toMillis() + " milliseconds";
    }

    /**
     * Fails with {@link SchemaVersion.TooOld} unless pipeline-schema migrated the database to what this job needs;
     * waits for PostgreSQL like the sink does.
     */
    static int checkSchema(StreamingConfig config) {
        RetryPolicy<Object> waitForPostgres = new Backoff(Duration.ofMillis(500), config.maxBackoff())
                .retryPolicy()
                .handleIf(TransientFailures::isTransient)
                .withMaxDuration(config.maxRetryTime().isZero() ? Duration.ofDays(365) : config.maxRetryTime())
                .onFailedAttempt(event -> log.warn(
                        "PostgreSQL not ready for the schema check (attempt {}): {}",
                        event.getAttemptCount(),
                        TransientFailures.describe(event.getLastException())))
                .build();
        return Failsafe.with(waitForPostgres).get(() -> {
            try (Connection connection = PostgresConnections.open(config.jdbcUrl(), config.user(), config.password())) {
                return SchemaVersion.require(connection, config.jdbcUrl());
            }
        });
    }

    private static final String VERIFY_NEW_CHECKPOINT = "spark.sql.streaming.verifyCheckpointDirectoryEmptyOnStart";
    private static final String ADAPTIVE_EXECUTION = "spark.sql.adaptive.enabled";

    /** A session for spark-submit, or a local one (all cores, loopback, no UI) when no master is set. */
    static SparkSession session() {
        return JobSession.named("pin-streaming")
                .localDefaults(Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2"))
                .defaults(PinCleaning.SPARK_SETTINGS)
                // A SIGKILL while Spark writes the query's first offsets entry leaves only a temporary file in
                // checkpoint/offsets; with this check Spark would then refuse to start the query ever again
                // (STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY). The checkpoint is this job's alone, so the check
                // guards nothing.
                .defaults(Map.of(VERIFY_NEW_CHECKPOINT, "false"))
                // Streaming queries never use adaptive execution; with it on, Spark warns at every start that it
                // disables it.
                .defaults(Map.of(ADAPTIVE_EXECUTION, "false"))
                .getOrCreate();
    }

    private static boolean isDataLoss(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("data may have been lost")
                    || message.contains("KAFKA_DATA_LOSS")
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
