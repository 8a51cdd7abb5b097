package dev.pinpipeline.batch.job;

import dev.pinpipeline.batch.io.InputFormat;
import dev.pinpipeline.batch.io.OutputFormat;
import dev.pinpipeline.batch.io.SuccessMarkerMissingException;
import dev.pinpipeline.batch.report.DailyReport;
import dev.pinpipeline.batch.report.DayResult;
import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.cli.DurationConverter;
import dev.pinpipeline.cli.HelpConvention;
import dev.pinpipeline.schema.SchemaVersion;
import dev.pinpipeline.spark.JobSession;
import dev.pinpipeline.spark.PipelineEnvironment;
import dev.pinpipeline.spark.S3aSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The daily batch job: one day (or a range of days) of the raw archive → curated events, the pins snapshot, the
 * rejects and the day's analytics (Parquet under the output root and PostgreSQL {@code daily_*} tables), and a
 * report on standard output.
 *
 * <p>Usage: {@code DailyBatchJob (--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD) [--input URI]
 * [--input-format archive|pins] [--output URI] [--output-format parquet|json] [--[no-]require-success]
 * [--wait-for-success DURATION] [--[no-]postgres] [--master URL]}
 *
 * <p>Example, locally (S3 settings from S3_ENDPOINT, S3_BUCKET, AWS_*; PostgreSQL from POSTGRES_*):
 * <pre>
 * java ${spark.java.options} -cp "$(cat target/local-classpath.txt):target/classes" \
 *     dev.pinpipeline.batch.job.DailyBatchJob --date 2026-11-26
 * </pre>
 * On a cluster: {@code spark-submit --master spark://spark-master:7077 --class dev.pinpipeline.batch.job.DailyBatchJob
 * spark-batch-0.1.0-SNAPSHOT-cluster.jar --date 2026-11-26}. The session is built without a master unless
 * {@code --master} is given: spark-submit or {@code -Dspark.master} chooses, and {@code local[*]} when nothing does.
 *
 * <p>Exit codes: 0 done (also for days without data, which the report says), 2 bad arguments, 3 a day's
 * {@code _SUCCESS} marker is missing (nothing written for that day), 4 the database schema is older than this job needs
 * (migrate it with pipeline-schema), 1 any other failure.
 */
@Command(
        name = "daily-batch",
        mixinStandardHelpOptions = true,
        description = "Cleans one day of the pins archive and writes curated data, analytics and a report.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (also for a day without data)",
            "1:failure",
            "2:bad arguments",
            "3:the day's _SUCCESS marker is missing",
            "4:the database schema is older than this job needs (run pipeline-schema's migration)"
        })
public final class DailyBatchJob implements Callable<Integer> {

    public static final int EXIT_SUCCESS_MARKER_MISSING = 3;

    @Mixin
    HelpConvention helpConvention;

    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    /**
     * The day is cached once (DailyBatch) and read by every output. Compressing the cache cost more CPU than anything
     * it saved: its statistics (a dictionary of every text value per column batch) took a sixth of the job's samples.
     * Uncompressed, a million events take ~700 MB of cache; what does not fit in memory goes to disk.
     */
    private static final Map<String, String> CACHE_SETTINGS =
            Map.of("spark.sql.inMemoryColumnarStorage.compressed", "false");

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day to process (UTC).")
    LocalDate date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Backfill: first day, with --to.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Backfill: last day (inclusive), with --from.")
    LocalDate to;

    @Option(
            names = "--input",
            paramLabel = "URI",
            description = "archive: the root holding dt=YYYY-MM-DD/ folders; pins: a file or folder of raw pins, {date}"
                    + " in it replaced by each day. Default: s3a://$S3_BUCKET/raw/$PINS_TOPIC.")
    String input;

    @Option(
            names = "--input-format",
            defaultValue = "archive",
            paramLabel = "archive|pins",
            description = "archive (batch-consumer's gzip JSON lines) or pins (one raw pin JSON per line).")
    InputFormat inputFormat;

    @Option(
            names = "--output",
            paramLabel = "URI",
            description =
                    "Curated root: events/, pins_snapshot/, rejects/, analytics/. Default: s3a://$S3_BUCKET/curated.")
    String output;

    @Option(
            names = "--output-format",
            defaultValue = "parquet",
            paramLabel = "parquet|json",
            description = "Format of events, snapshot and rejects (analytics are always Parquet).")
    OutputFormat outputFormat;

    @Option(
            names = "--require-success",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            showDefaultValue = Visibility.ALWAYS,
            description = "Archive days need their _SUCCESS marker; --no-require-success reads what is there.")
    boolean requireSuccess;

    @Option(
            names = "--wait-for-success",
            defaultValue = "0s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long to wait for a missing _SUCCESS (90s, 10m, 1h30m, PT1H).")
    Duration waitForSuccess;

    @Option(
            names = "--postgres",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            showDefaultValue = Visibility.ALWAYS,
            description = "Write the analytics to PostgreSQL (POSTGRES_URL/USER/PASSWORD) too.")
    boolean postgres;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master. Default: spark.master if set (spark-submit, -Dspark.master), else local[*].")
    String master;

    @Spec
    CommandSpec spec;

    private final PipelineEnvironment environment;

    public DailyBatchJob() {
        this(PipelineEnvironment.fromSystem());
    }

    DailyBatchJob(PipelineEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new DailyBatchJob()).execute(args));
    }

    static CommandLine commandLine(DailyBatchJob job) {
        return new CommandLine(job)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof SuccessMarkerMissingException) {
                        cmd.getErr().println("daily-batch: " + e.getMessage());
                        return EXIT_SUCCESS_MARKER_MISSING;
                    }
                    if (e instanceof SchemaVersion.TooOld) {
                        cmd.getErr().println("daily-batch: " + e.getMessage());
                        return SchemaVersion.EXIT_CODE;
                    }
                    cmd.getErr().println("daily-batch failed: " + e);
                    throw e;
                });
    }

    @Override
    public Integer call() {
        BatchJobConfig config = config();
        SparkSession spark = createSession(master, environment);
        try {
            run(spark, config, System.out);
        } finally {
            spark.stop();
        }
        return 0;
    }

    /** Processes every configured day in order, printing each day's report as it completes. */
    static List<DayResult> run(SparkSession spark, BatchJobConfig config, PrintStream out) {
        DailyBatch batch = new DailyBatch(spark, config);
        batch.prepare();
        List<DayResult> results = new ArrayList<>();
        for (LocalDate day : config.days()) {
            DayResult result = batch.process(day);
            results.add(result);
            out.print(DailyReport.render(result));
            out.println();
            out.flush();
        }
        if (results.size() > 1) {
            long empty = results.stream().filter(r -> !r.hasData()).count();
            long events = results.stream().mapToLong(DayResult::events).sum();
            out.printf(
                    "Backfill %s..%s: %d days, %d events, %d days without data%n",
                    config.days().get(0), config.days().get(config.days().size() - 1), results.size(), events, empty);
        }
        return results;
    }

    /** The run's configuration from the options and the environment; bad combinations are usage errors. */
    BatchJobConfig config() {
        List<LocalDate> days = days();
        if (inputFormat == InputFormat.PINS) {
            if (input == null) {
                throw usage("--input-format pins needs --input (a file or folder of raw pins)");
            }
            if (days.size() > 1 && !input.contains("{date}")) {
                throw usage("a backfill of pins needs {date} in --input, e.g. file:///data/pins-{date}.jsonl");
            }
        }
        return new BatchJobConfig(
                days,
                input != null ? input : environment.defaultArchiveRoot(),
                inputFormat,
                output != null ? output : environment.defaultOutputRoot(),
                outputFormat,
                requireSuccess,
                waitForSuccess,
                postgres ? Optional.of(environment.postgres()) : Optional.empty());
    }

    private List<LocalDate> days() {
        if (date != null && (from != null || to != null)) {
            throw usage("give either --date or --from/--to, not both");
        }
        if (date != null) {
            return List.of(date);
        }
        if (from == null || to == null) {
            throw usage("give --date YYYY-MM-DD, or --from and --to for a backfill");
        }
        if (to.isBefore(from)) {
            throw usage("--to " + to + " is before --from " + from);
        }
        return from.datesUntil(to.plusDays(1)).toList();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * The session: no master unless {@code --master} is given or nothing chose one (then {@code local[*]});
     * UTC as session time zone (dt partitions are UTC days); S3A from the environment unless set in Spark's conf.
     */
    static SparkSession createSession(String master, PipelineEnvironment environment) {
        SparkSession spark = JobSession.named("pinterest-daily-batch")
                .master(master)
                .defaults(Map.of("spark.sql.session.timeZone", "UTC"))
                .defaults(CACHE_SETTINGS)
                .defaults(PinCleaning.SPARK_SETTINGS)
                .defaults(S3aSettings.sparkConf(environment))
                .getOrCreate();
        if (!new SparkConf().contains(SHUFFLE_PARTITIONS)) {
            // A day's aggregations shrink to a few thousand rows on the map side: Spark's 200 shuffle partitions
            // only multiplied the shuffle files and tasks (one output file per map task and partition).
            spark.conf()
                    .set(SHUFFLE_PARTITIONS, String.valueOf(spark.sparkContext().defaultParallelism()));
        }
        return spark;
    }
}
