import dev.pinpipeline.infra.LocalInfra;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The streaming benchmark (bench/streaming/run.sh starts it; read the README beside it). Starts a local Kafka and
 * PostgreSQL, then for each trigger mode the job as its own JVM, and measures:
 * <ol>
 *   <li>latency: producer acknowledgment → row written in pin_events (its {@code written_at}), p50/p99, at paced
 *       rates; baseline: the same acknowledgment → a plain KafkaConsumer's poll, Kafka alone;</li>
 *   <li>sustained rate: events produced straight to Kafka at stepped rates; the highest rate whose lag stays
 *       bounded (see {@link #sustain});</li>
 *   <li>PostgreSQL's own rate for the same rows: COPY into tables shaped like pin_events and pins (see
 *       {@link #copyFloor}).</li>
 * </ol>
 * The last line printed is the summary: {@code streaming: real-time X/s, micro-batch Y/s, COPY Z/s, real-time p99 P ms}.
 * Arguments: spark.java.options, the job's classpath, seconds per latency step, seconds per rate step, rate steps,
 * modes. 0 seconds skips that part.
 */
public final class StreamingBench {

    private static final String TAGS = "Summer Crafts For Kids,Fun Crafts For Kids";

    private final LocalInfra infra;
    private final List<String> sparkOptions;
    private final String jobClasspath;
    private final Path workDir;
    private final List<Process> jobs = new ArrayList<>();
    /** For the summary line: trigger mode → highest sustained rate; real-time p99 at 500/s; the COPY floor. */
    private final Map<String, Integer> sustained = new ConcurrentHashMap<>();
    private double realTimeP99At500 = Double.NaN;
    private double copyRate = Double.NaN;

    StreamingBench(LocalInfra infra, List<String> sparkOptions, String jobClasspath, Path workDir) {
        this.infra = infra;
        this.sparkOptions = sparkOptions;
        this.jobClasspath = jobClasspath;
        this.workDir = workDir;
    }

    private static final long LAG_SAMPLE_MILLIS = 2_000;

    /** Unmeasured traffic before the latency steps and before the rate steps (env BENCH_WARMUP_SECONDS). */
    static final int WARM_UP_SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "20"));

    public static void main(String[] args) throws Exception {
        List<String> sparkOptions = Arrays.asList(args[0].trim().split("\\s+"));
        String jobClasspath = args[1];
        int latencySeconds = Integer.parseInt(args[2]);
        int rateSeconds = Integer.parseInt(args[3]);
        int[] rates = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        String modes = args.length > 5 ? args[5] : "real-time,micro-batch";
        Path workDir = Files.createTempDirectory("streaming-bench");
        try (LocalInfra infra = LocalInfra.builder().dataDir(workDir.resolve("infra")).kafka().postgres().start()) {
            // The jobs only check the schema version: migrate first, as ./pipeline and compose do.
            dev.pinpipeline.schema.SchemaMigration.migrate(
                    infra.postgres().jdbcUrl(), infra.postgres().user(), infra.postgres().password());
            StreamingBench bench = new StreamingBench(infra, sparkOptions, jobClasspath, workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> bench.jobs.forEach(Process::destroyForcibly)));
            try {
                bench.run(latencySeconds, rateSeconds, rates, modes.split(","));
            } finally {
                bench.stopJobs();
            }
        }
    }

    void run(int latencySeconds, int rateSeconds, int[] rates, String[] modes) throws Exception {
        if (latencySeconds > 0) {
            latency(latencySeconds, modes);
        }
        if (rateSeconds > 0) {
            sustainedRate(rateSeconds, rates, modes);
        }
        copyFloor();
        System.out.printf(Locale.ROOT, "%nstreaming: real-time %s/s, micro-batch %s/s, COPY %.0f/s, real-time p99 %s ms%n",
                sustained.getOrDefault("real-time", -1), sustained.getOrDefault("micro-batch", -1), copyRate,
                Double.isNaN(realTimeP99At500) ? "n/a" : String.format(Locale.ROOT, "%.1f", realTimeP99At500));
    }

    private void latency(int latencySeconds, String[] modes) throws Exception {
        System.out.printf("%n== Baseline: Kafka alone, producer ack -> plain consumer poll ==%n");
        for (int rate : new int[] {500, 2000}) {
            System.out.printf("  %5d/s  %s%n", rate, kafkaOnlyLatency(rate, latencySeconds));
        }
        for (String mode : modes) {
            System.out.printf("%n== %s: producer ack -> row in PostgreSQL ==%n", mode);
            String topic = "bench-latency-" + mode;
            createTopic(topic);
            Process job = startJob(mode, topic);
            waitUntilJobWrites(topic, job);
            System.out.printf("  (warm-up: %d s at 1000/s, not measured: JIT and Spark's code generation settle)%n", WARM_UP_SECONDS);
            jobLatency(topic + "-warm-up", topic, 1000, WARM_UP_SECONDS);
            for (int rate : new int[] {500, 2000}) {
                long[] latencies = jobLatency(topic + "-" + rate, topic, rate, latencySeconds);
                System.out.printf("  %5d/s  %s%n", rate, percentiles(latencies));
                if (rate == 500 && mode.equals("real-time") && latencies.length > 0) {
                    realTimeP99At500 = at(latencies, 0.99);
                }
            }
            stop(job);
        }
    }

    private void sustainedRate(int rateSeconds, int[] rates, String[] modes) throws Exception {
        for (String mode : modes) {
            System.out.printf("%n== %s: sustained rate, produced straight to Kafka (%d s per step) ==%n", mode, rateSeconds);
            String topic = "bench-rate-" + mode;
            createTopic(topic);
            Process job = startJob(mode, topic);
            waitUntilJobWrites(topic, job);
            System.out.printf("  (warm-up: %d s at 1000/s, not measured)%n", WARM_UP_SECONDS);
            jobLatency(topic + "-warm-up", topic, 1000, WARM_UP_SECONDS);
            int best = 0;
            for (int rate : rates) {
                RateResult result = sustain(topic, rate, rateSeconds);
                System.out.printf("  target %6d/s  %s%n", rate, result);
                if (!result.bounded()) {
                    break;
                }
                best = rate;
            }
            System.out.printf("  highest sustained rate with bounded lag: %s%n", best == 0 ? "below the first step" : best + " pins/s");
            sustained.put(mode, best);
            stop(job);
        }
    }

    // ---- latency ----

    /** The sorted latencies (µs) of the events written within 60 s; prints how many were not. */
    private long[] jobLatency(String name, String topic, int rate, int seconds) throws Exception {
        Map<String, Long> ackedMicros = new ConcurrentHashMap<>();
        try (KafkaProducer<String, String> producer = producer(0)) {
            pace(rate, seconds, () -> {
                Pin pin = Pin.random();
                producer.send(pin.record(topic), (metadata, error) -> {
                    if (error == null) {
                        ackedMicros.put(pin.eventId(), micros(Instant.now()));
                    }
                });
            });
            producer.flush();
        }
        Map<String, Long> writtenMicros = awaitWritten(topic, ackedMicros.keySet(), Duration.ofSeconds(60));
        long[] latencies = ackedMicros.entrySet().stream()
                .filter(e -> writtenMicros.containsKey(e.getKey()))
                .mapToLong(e -> writtenMicros.get(e.getKey()) - e.getValue())
                .sorted().toArray();
        writeTimeline(name, ackedMicros, writtenMicros);
        if (writtenMicros.size() < ackedMicros.size()) {
            System.out.printf("  (%s: %d not written within 60 s)%n", name, ackedMicros.size() - writtenMicros.size());
        }
        return latencies;
    }

    /** ack_micros,written_micros per event, in ack order: to see where the slow events are (epoch ends, GC…). */
    private void writeTimeline(String name, Map<String, Long> ackedMicros, Map<String, Long> writtenMicros) throws IOException {
        List<String> lines = ackedMicros.entrySet().stream()
                .filter(e -> writtenMicros.containsKey(e.getKey()))
                .sorted(Map.Entry.comparingByValue())
                .map(e -> e.getValue() + "," + writtenMicros.get(e.getKey()))
                .toList();
        Files.write(workDir.resolve("timeline-" + name + ".csv"), lines);
    }

    private String kafkaOnlyLatency(int rate, int seconds) throws Exception {
        String topic = "bench-kafka-only-" + rate;
        createTopic(topic);
        Map<String, Long> ackedMicros = new ConcurrentHashMap<>();
        Map<String, Long> polledMicros = new ConcurrentHashMap<>();
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        AtomicLong done = new AtomicLong();
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
                List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (done.get() == 0) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = micros(Instant.now());
                        polledMicros.put(new String(record.headers().lastHeader("event_id").value(), StandardCharsets.UTF_8), now);
                    }
                }
            }
        });
        consumerThread.start();
        Thread.sleep(1_000);
        try (KafkaProducer<String, String> producer = producer(0)) {
            pace(rate, seconds, () -> {
                Pin pin = Pin.random();
                producer.send(pin.record(topic), (metadata, error) -> ackedMicros.put(pin.eventId(), micros(Instant.now())));
            });
            producer.flush();
        }
        Thread.sleep(2_000);
        done.set(1);
        consumerThread.join();
        long[] latencies = ackedMicros.entrySet().stream().filter(e -> polledMicros.containsKey(e.getKey()))
                .mapToLong(e -> polledMicros.get(e.getKey()) - e.getValue()).sorted().toArray();
        return percentiles(latencies);
    }

    /** event_id → written_at (µs) of the given events, waiting until all are there or the timeout passes. */
    private Map<String, Long> awaitWritten(String topic, java.util.Set<String> eventIds, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> written = new ConcurrentHashMap<>();
        try (Connection connection = postgres()) {
            while (System.nanoTime() < deadline) {
                List<String> waiting = eventIds.stream().filter(id -> !written.containsKey(id)).toList();
                if (waiting.isEmpty()) {
                    break;
                }
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT event_id, (extract(epoch FROM written_at) * 1000000)::bigint FROM pin_events "
                                + "WHERE event_id = ANY (?)")) {
                    Array ids = connection.createArrayOf("text", waiting.toArray());
                    select.setArray(1, ids);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            written.put(rows.getString(1), rows.getLong(2));
                        }
                    }
                }
                Thread.sleep(500);
            }
        }
        return written;
    }

    // ---- sustained rate ----

    record RateResult(double producedPerSecond, double writtenPerSecond, List<Long> lagSamples, long lagAtEnd,
                      double lagSlope, boolean bounded, double samplingMillisPerSecond) {
        @Override
        public String toString() {
            int n = lagSamples.size();
            String trajectory = n < 4 ? lagSamples.toString() : String.format(Locale.ROOT, "%d/%d/%d",
                    lagSamples.get(n / 4 - 1), lagSamples.get(n / 2 - 1), lagSamples.get(3 * n / 4 - 1));
            return String.format(Locale.ROOT,
                    "produced %7.0f/s  written %7.0f/s  lag at 1/4, 1/2, 3/4 %s, at end %d, 2nd half %+.0f/s  -> %s"
                            + "  (lag query %.0f ms/s)",
                    producedPerSecond, writtenPerSecond, trajectory, lagAtEnd, lagSlope, bounded ? "bounded" : "GROWING",
                    samplingMillisPerSecond);
        }
    }

    /**
     * Produces at {@code rate} for {@code seconds}, sampling the lag (produced - rows in pin_events) every 2 s.
     * Bounded: the backlog at the end is at most 2 seconds of input, or it is not growing: over the step's second
     * half its least-squares slope is at most 5% of the rate (a job 5% short of the rate would double its backlog
     * every ~20 s; a micro-batch saw-tooth has no slope).
     */
    private RateResult sustain(String topic, int rate, int seconds) throws Exception {
        truncateEvents(); // the lag query counts rows: keep it to this step's rows, it runs on the same 2 cores
        AtomicLong produced = new AtomicLong();
        List<Long> lags = new ArrayList<>();
        List<Double> sampledAt = new ArrayList<>();
        long samplingNanos = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(5)) {
            Thread sender = new Thread(() -> pace(rate, seconds, () -> {
                producer.send(Pin.random().record(topic));
                produced.incrementAndGet();
            }));
            sender.start();
            while (sender.isAlive()) {
                sender.join(LAG_SAMPLE_MILLIS);
                long sampling = System.nanoTime();
                long written = count(topic);
                // read after the count, so rows written while it ran cannot make the lag look smaller
                lags.add(produced.get() - written);
                samplingNanos += System.nanoTime() - sampling;
                sampledAt.add((System.nanoTime() - start) / 1e9);
            }
            producer.flush();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long written = count(topic);
        long lagAtEnd = produced.get() - written;
        int half = lags.size() / 2;
        double slope = slope(sampledAt.subList(half, lags.size()), lags.subList(half, lags.size()));
        boolean bounded = produced.get() >= 0.9 * rate * seconds && (lagAtEnd <= 2L * rate || slope <= 0.05 * rate);
        // Let the backlog drain before the next step.
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(topic) < produced.get() && System.nanoTime() < drainDeadline) {
            Thread.sleep(500);
        }
        return new RateResult(produced.get() / elapsed, written / elapsed, lags, lagAtEnd, slope, bounded,
                samplingNanos / 1e6 / elapsed);
    }

    /** Least-squares slope of y over x (events per second here); 0 with fewer than 2 points. */
    static double slope(List<Double> x, List<Long> y) {
        int n = x.size();
        if (n < 2) {
            return 0;
        }
        double meanX = x.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double meanY = y.stream().mapToDouble(Long::doubleValue).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (x.get(i) - meanX) * (y.get(i) - meanY);
            variance += (x.get(i) - meanX) * (x.get(i) - meanX);
        }
        return variance == 0 ? 0 : covariance / variance;
    }

    // ---- PostgreSQL alone ----

    static final int COPY_EVENTS = 400_000;
    /** Events per transaction: the sink's largest transaction. */
    static final int COPY_CHUNK = 2_000;
    static final String EVENT_COLUMNS = "event_id, ind, unique_id, title, description, poster_name, follower_count, "
            + "tag_list, is_image_or_video, image_src, downloaded, save_location, category, ingested_at, topic, "
            + "\"partition\", \"offset\"";
    /** title … category of the bench's pin as the job writes them, in COPY's CSV. */
    static final String CLEANED_COLUMNS = "Bench pin,No description available,bench,124000,"
            + "\"{\"\"Summer Crafts For Kids\"\",\"\"Fun Crafts For Kids\"\"}\",image,https://i.pinimg.com/x.jpg,"
            + "true,/data/art,art";
    static final String PIN_COLUMNS = "unique_id, ind, title, description, poster_name, follower_count, tag_list, "
            + "is_image_or_video, image_src, downloaded, save_location, category, ingested_at, event_id, topic, "
            + "\"partition\", \"offset\"";

    /**
     * PostgreSQL's own rate for the rows the job writes: the bench's pins as the job writes them (one pin_events row
     * and one pins row per event, every pin new), loaded with COPY into fresh tables made {@code LIKE pin_events
     * INCLUDING ALL} and {@code LIKE pins INCLUDING ALL} (the same columns, defaults, keys and indexes), from two
     * connections at once (the job writes from two partitions), {@value #COPY_CHUNK} events per transaction, one
     * COPY into each table. No Spark, no Kafka, no conflict checks: what the sink cannot beat. Runs after the jobs,
     * alone on the machine; the CSV is built before the clock starts.
     */
    private void copyFloor() throws Exception {
        System.out.printf("%n== PostgreSQL alone: COPY of the same rows into tables shaped like pin_events and pins ==%n");
        try (Connection connection = postgres(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS copy_floor_events, copy_floor_pins");
            statement.execute("CREATE TABLE copy_floor_events (LIKE pin_events INCLUDING ALL)");
            statement.execute("CREATE TABLE copy_floor_pins (LIKE pins INCLUDING ALL)");
        }
        copyChunks(COPY_EVENTS / 10); // warm-up, not measured
        try (Connection connection = postgres(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE copy_floor_events, copy_floor_pins");
        }
        double seconds = copyChunks(COPY_EVENTS);
        copyRate = COPY_EVENTS / seconds;
        System.out.printf(Locale.ROOT, "  %d events in %.1f s: %.0f events/s (%d per transaction, 2 connections)%n",
                COPY_EVENTS, seconds, copyRate, COPY_CHUNK);
        try (Connection connection = postgres(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE copy_floor_events, copy_floor_pins");
        }
    }

    /** COPYs {@code events} events in chunks from two connections; returns the seconds it took. */
    private double copyChunks(int events) throws Exception {
        List<String[]> chunks = new ArrayList<>();
        for (int i = 0; i < events; i += COPY_CHUNK) {
            StringBuilder eventRows = new StringBuilder();
            StringBuilder pinRows = new StringBuilder();
            for (int j = 0; j < COPY_CHUNK; j++) {
                Pin pin = Pin.random();
                String ind = Integer.toString(pin.uniqueId().hashCode() & 0x3fff);
                String position = "bench-copy," + (j % 2) + "," + (i + j);
                eventRows.append(String.join(",", pin.eventId(), ind, pin.uniqueId(), CLEANED_COLUMNS,
                        pin.ingestedAt().toString(), position)).append('\n');
                pinRows.append(String.join(",", pin.uniqueId(), ind, CLEANED_COLUMNS, pin.ingestedAt().toString(),
                        pin.eventId(), position)).append('\n');
            }
            chunks.add(new String[] {eventRows.toString(), pinRows.toString()});
        }
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 2; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                try (Connection connection = postgres()) {
                    connection.setAutoCommit(false);
                    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                    for (int c = first; c < chunks.size(); c += 2) {
                        copy.copyIn("COPY copy_floor_events (" + EVENT_COLUMNS + ") FROM STDIN (FORMAT csv)",
                                new StringReader(chunks.get(c)[0]));
                        copy.copyIn("COPY copy_floor_pins (" + PIN_COLUMNS + ") FROM STDIN (FORMAT csv)",
                                new StringReader(chunks.get(c)[1]));
                        connection.commit();
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    // ---- the job ----

    private Process startJob(String mode, String topic) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(sparkOptions);
        command.add("-Dspark.master=local[2]");
        command.add("-cp");
        command.add(jobClasspath);
        command.add("dev.pinpipeline.streaming.StreamingJob");
        command.add("--bootstrap-servers=" + infra.kafka().bootstrapServers());
        command.add("--topic=" + topic);
        command.add("--postgres-url=" + infra.postgres().jdbcUrl());
        command.add("--postgres-user=" + infra.postgres().user());
        command.add("--postgres-password=" + infra.postgres().password());
        command.add("--checkpoint=" + workDir.resolve("checkpoint-" + topic));
        command.add("--trigger=" + mode);
        String extra = System.getenv().getOrDefault("JOB_ARGS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split("\\s+(?=--)"))); // values may hold spaces: "--trigger-interval=5 seconds"
        }
        Path log = workDir.resolve("job-" + topic + ".log");
        Process job = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        jobs.add(job);
        System.out.printf("  (job started, log %s)%n", log);
        return job;
    }

    private void waitUntilJobWrites(String topic, Process job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        try (KafkaProducer<String, String> producer = producer(0)) {
            while (System.nanoTime() < deadline && job.isAlive()) {
                producer.send(Pin.random().record(topic)).get();
                if (count(topic) > 0) {
                    Thread.sleep(3_000); // let the first batches and JIT settle
                    return;
                }
                Thread.sleep(1_000);
            }
        }
        throw new IllegalStateException("the job wrote nothing within 240 s (alive: " + job.isAlive() + ")");
    }

    private void stop(Process job) throws InterruptedException {
        job.destroy();
        if (!job.waitFor(30, TimeUnit.SECONDS)) {
            job.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    void stopJobs() throws InterruptedException {
        for (Process job : jobs) {
            if (job.isAlive()) {
                stop(job);
            }
        }
    }

    // ---- helpers ----

    private long count(String topic) throws SQLException {
        try (Connection connection = postgres();
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM pin_events WHERE topic = ?")) {
            select.setString(1, topic);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                return 0; // the job has not created its tables yet
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    private void truncateEvents() throws SQLException {
        try (Connection connection = postgres(); Statement truncate = connection.createStatement()) {
            truncate.execute("TRUNCATE pin_events");
        }
    }

    private Connection postgres() throws SQLException {
        return DriverManager.getConnection(infra.postgres().jdbcUrl(), infra.postgres().user(), infra.postgres().password());
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private KafkaProducer<String, String> producer(int lingerMs) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, lingerMs > 0 ? "lz4" : "none");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    /** Calls {@code send} {@code rate} times a second for {@code seconds}, evenly spaced. */
    private static void pace(int rate, int seconds, Runnable send) {
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            send.run();
        }
    }

    private static String percentiles(long[] sortedMicros) {
        if (sortedMicros.length == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (n=%d)",
                at(sortedMicros, 0.50), at(sortedMicros, 0.99), sortedMicros[sortedMicros.length - 1] / 1000.0,
                sortedMicros.length);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    /** A pin as ingest-api writes it (docs/events.md §1). */
    record Pin(String eventId, String uniqueId, Instant ingestedAt) {

        static Pin random() {
            return new Pin(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }

        ProducerRecord<String, String> record(String topic) {
            String value = "{\"index\":" + (uniqueId.hashCode() & 0x3fff) + ",\"unique_id\":\"" + uniqueId + "\""
                    + ",\"title\":\"Bench pin\",\"description\":\"No description available\",\"poster_name\":\"bench\""
                    + ",\"follower_count\":\"124k\",\"tag_list\":\"" + TAGS + "\",\"is_image_or_video\":\"image\""
                    + ",\"image_src\":\"https://i.pinimg.com/x.jpg\",\"downloaded\":1"
                    + ",\"save_location\":\"Local save in /data/art\",\"category\":\"art\"}";
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, ingestedAt.toEpochMilli(), uniqueId, value);
            record.headers().add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ingested_at", ingestedAt.toString().getBytes(StandardCharsets.UTF_8));
            return record;
        }
    }
}
