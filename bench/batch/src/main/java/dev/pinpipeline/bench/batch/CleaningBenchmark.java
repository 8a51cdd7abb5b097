package dev.pinpipeline.bench.batch;

import static org.apache.spark.sql.functions.col;

import dev.pinpipeline.cleaning.PinCleaning;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Cleaning cost: pin-cleaning as shipped against the same rules as Java UDFs over Spark's from_json, in one run, on the
 * same cached raw events, in local[2]. Each round cleans every event (all columns of classify, written to Spark's
 * no-op sink); rounds alternate between the versions, and the median round counts. Measured: the clock and each
 * round's CPU time (the whole JVM: executor threads, JIT, GC) per record. The last line is the summary: CPU per
 * record of both, and their ratio (pin-cleaning / UDFs).
 *
 * <p>Usage: {@code CleaningBenchmark <sample dir> [events=1000000] [rounds=3]} (see bench/batch/run.sh).
 */
public final class CleaningBenchmark {

    private CleaningBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CleaningBenchmark <sample dir> [events=1000000] [rounds=3]");
            System.exit(1);
        }
        Path sample = Path.of(args[0]);
        long events = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("cleaning-benchmark")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1");
        PinCleaning.SPARK_SETTINGS.forEach(builder::config); // as the jobs run it, for both versions
        SparkSession spark = builder.getOrCreate();
        String summary;
        try {
            summary = run(spark, sample, events, rounds);
        } finally {
            spark.stop();
        }
        System.out.println(summary); // the last line, after anything Spark logs while stopping
    }

    /** Prints the rounds and the result; returns the summary line. */
    private static String run(SparkSession spark, Path sample, long events, int rounds) throws Exception {
        long started = System.nanoTime();
        Dataset<Row> raw = BenchmarkEvents.generate(spark, sample, events, 4).persist(StorageLevel.MEMORY_ONLY());
        long cached = raw.count();
        System.out.printf(
                Locale.ROOT,
                "input: %,d raw events from %s, cached in memory in %.1f s (%s, %d cores, " + "Java %s, Spark %s)%n",
                cached,
                sample,
                seconds(started),
                "local[2]",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                spark.version());

        Dataset<Row> subset = raw.where(col("offset").lt(30_000));
        long differences = PinCleaning.classify(subset)
                        .exceptAll(UdfCleaning.classify(subset))
                        .count()
                + UdfCleaning.classify(subset)
                        .exceptAll(PinCleaning.classify(subset))
                        .count();
        long rejects = PinCleaning.rejects(PinCleaning.classify(subset)).count();
        System.out.printf(
                Locale.ROOT,
                "same output check on the first 30 000 events: %d differing rows " + "(%d rejects among them)%n",
                differences,
                rejects);
        if (differences != 0) {
            throw new IllegalStateException("the UDF baseline and pin-cleaning disagree: the comparison is void");
        }

        Version rules = new Version(PinCleaning::classify);
        Version udfs = new Version(UdfCleaning::classify);
        Version parse = new Version(UdfCleaning::parseOnly);
        for (Version version : List.of(rules, udfs, parse)) {
            time(version.classify(), subset);
        }

        for (int round = 1; round <= rounds; round++) {
            double rulesSeconds = rules.measure(raw, cached);
            double udfSeconds = udfs.measure(raw, cached);
            double parseSeconds = parse.measure(raw, cached);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: pin-cleaning %.1f s (%,.0f records/s), UDFs %.1f s "
                            + "(%,.0f records/s), from_json alone %.1f s (%,.0f records/s)%n",
                    round,
                    rulesSeconds,
                    cached / rulesSeconds,
                    udfSeconds,
                    cached / udfSeconds,
                    parseSeconds,
                    cached / parseSeconds);
        }
        System.out.printf(
                Locale.ROOT, "%nRESULT cleaning, %,d events, local[2], median of %d rounds%n", cached, rounds);
        System.out.printf(
                Locale.ROOT,
                "  pin-cleaning (as shipped):            %,12.0f records/s, %5.1f us CPU/record%n",
                median(rules.rates()),
                median(rules.cpuMicros()));
        System.out.printf(
                Locale.ROOT,
                "  same rules as Java UDFs (baseline):   %,12.0f records/s, %5.1f us CPU/record%n",
                median(udfs.rates()),
                median(udfs.cpuMicros()));
        System.out.printf(
                Locale.ROOT,
                "  the baseline's from_json alone:       %,12.0f records/s, %5.1f us CPU/record%n",
                median(parse.rates()),
                median(parse.cpuMicros()));
        double rulesMicros = median(rules.cpuMicros());
        double udfMicros = median(udfs.cpuMicros());
        raw.unpersist();
        // CPU per record (whole JVM), pin-cleaning against the UDFs
        return String.format(
                Locale.ROOT,
                "cleaning: rules %.1f us/record, UDFs %.1f us/record, ratio %.2f",
                rulesMicros,
                udfMicros,
                rulesMicros / udfMicros);
    }

    /** One version of the cleaning and what its rounds measured: records/s and CPU µs per record. */
    private record Version(Function<Dataset<Row>, Dataset<Row>> classify, List<Double> rates, List<Double> cpuMicros) {

        Version(Function<Dataset<Row>, Dataset<Row>> classify) {
            this(classify, new ArrayList<>(), new ArrayList<>());
        }

        /** One round over every event; returns its seconds. */
        double measure(Dataset<Row> raw, long records) {
            long cpu = cpuNanos();
            double seconds = time(classify, raw);
            cpuMicros.add((cpuNanos() - cpu) / 1e3 / records);
            rates.add(records / seconds);
            return seconds;
        }
    }

    /** Seconds to classify every event and write all columns to the no-op sink. */
    private static double time(Function<Dataset<Row>, Dataset<Row>> classify, Dataset<Row> raw) {
        long start = System.nanoTime();
        classify.apply(raw).write().format("noop").mode("overwrite").save();
        return seconds(start);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
