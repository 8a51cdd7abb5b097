package dev.pinpipeline.local.run;

import dev.pinpipeline.cli.HelpConvention;
import dev.pinpipeline.events.SharedEnvironment;
import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.StackOptions;
import dev.pinpipeline.local.infra.LocalStack;
import dev.pinpipeline.local.process.Watchdog;
import dev.pinpipeline.local.status.PipelineProbe;
import dev.pinpipeline.local.status.StatusLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./pipeline run}: the whole pipeline on this machine, with a live status line, until Ctrl-C. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Start Kafka, S3Proxy, PostgreSQL, ingest-api, batch-consumer, spark-streaming and the user "
                + "emulator posting the real sample; show a live status line; Ctrl-C stops everything.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    HelpConvention helpConvention;

    @Mixin
    StackOptions stack;

    @Option(names = "--fresh", description = "Delete the data directory first (Kafka, archive, database, logs).")
    boolean fresh;

    @Option(
            names = "--partitions",
            defaultValue = "" + SharedEnvironment.PINS_TOPIC_PARTITIONS_DEFAULT,
            description =
                    "Partitions of a new topic; the default is one per "
                            + "core of the streaming job's local[2]: with more, it runs in micro-batch mode instead of real-time.")
    int partitions;

    @Option(names = "--rate", defaultValue = "20", description = "Emulator posts per second.")
    double rate;

    @Option(names = "--no-emulator", description = "Start the pipeline without posting anything.")
    boolean noEmulator;

    @Option(
            names = "--emulator-arg",
            paramLabel = "ARG",
            showDefaultValue = Visibility.NEVER,
            description = "Extra argument for the user emulator, repeatable (e.g. --emulator-arg=--count=5000).")
    List<String> emulatorArgs = new ArrayList<>();

    private final PrintStream out = System.out;

    /** The rate as the emulator takes it: 20, not 20.0. */
    private String formatRate() {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        List<Path> missing = layout.missingArtifacts();
        if (!missing.isEmpty()) {
            System.err.println(
                    "Not built yet: " + missing + "\nRun ./mvnw -B install -DskipTests (./pipeline does it for you).");
            return 2;
        }
        if (!(rate > 0)) {
            System.err.println("--rate must be a positive number of posts per second, not " + rate);
            return 2;
        }
        Path dataDir = stack.dataDir(layout);
        List<Integer> busy = LocalStack.busyPorts(
                stack.kafkaPort, stack.s3Port, stack.postgresPort, stack.ingestPort, stack.consumerPort);
        if (!busy.isEmpty()) {
            System.err.println(
                    "Ports already in use: " + busy + " (another ./pipeline run, or a local server?). "
                            + "Stop it or choose other ports: --kafka-port, --s3-port, --postgres-port, --ingest-port, --consumer-port.");
            return 2;
        }
        Optional<FileLock> lock = DataDirLock.tryAcquire(dataDir); // held until this JVM exits
        if (lock.isEmpty()) {
            System.err.println("The data directory " + dataDir + " is in use by another ./pipeline run. "
                    + "Stop that one, or give this one its own --data-dir.");
            return 2;
        }
        if (fresh) { // only now: a pipeline still running keeps its data
            deleteContents(dataDir, DataDirLock.FILE);
        }
        // Cleans up the children if this JVM is killed without running its shutdown hook.
        Watchdog.startFor(ProcessHandle.current());
        out.println("Starting the pipeline (data in " + dataDir + ", logs in " + dataDir.resolve("logs") + ")");
        long start = System.nanoTime();

        LocalPipeline.Config config = new LocalPipeline.Config(
                dataDir,
                new LocalStack.Ports(stack.kafkaPort, stack.s3Port, stack.postgresPort),
                stack.ingestPort,
                stack.consumerPort,
                stack.topic,
                partitions,
                stack.bucket);
        CountDownLatch stopped = new CountDownLatch(1);
        LocalPipeline[] running = new LocalPipeline[1];
        Thread shutdown = new Thread(
                () -> {
                    stopping = true;
                    out.println();
                    out.println("Stopping: emulator, spark-streaming, batch-consumer, ingest-api, then the servers…");
                    synchronized (running) {
                        if (running[0] != null) {
                            running[0].close();
                        }
                    }
                    out.println("Stopped. Data kept in " + dataDir + " (./pipeline run --fresh starts empty).");
                    stopped.countDown();
                },
                "pipeline-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.start(layout, config, line -> out.println("  ✓ " + line));
            synchronized (running) {
                running[0] = pipeline;
            }
            if (!noEmulator) {
                List<String> args = new ArrayList<>(List.of("--rate", formatRate()));
                args.addAll(emulatorArgs);
                pipeline.startEmulator(args);
                out.println("  ✓ emulator  posting the real sample (data/real-pins) at " + formatRate() + "/s to "
                        + pipeline.ingestUrl() + "/pin/");
            }
            pipeline.awaitReady();
        } catch (RuntimeException e) {
            System.err.println("Could not start: " + e.getMessage());
            return 1;
        }
        out.printf("Up in %s. Ctrl-C stops everything.%n%n", LocalPipeline.seconds(System.nanoTime() - start));
        printHowTo(pipeline.endpoints(), dataDir);
        watch(pipeline, pipeline.watch(PipelineGuard.Policy.DEFAULT), dataDir, start);
        return 0;
    }

    private void printHowTo(Endpoints e, Path dataDir) {
        out.println("  post a pin    curl -X POST " + "http://127.0.0.1:" + stack.ingestPort
                + "/pin/ -H 'Content-Type: application/json' \\");
        out.println("                  -d \"$(head -1 data/real-pins/pins-v2-877.jsonl)\"");
        out.println("  PostgreSQL    " + e.psqlCommand() + "   (tables pins, pin_events, pin_rejects)");
        out.println("  without psql  ./pipeline sql 'select category, count(*) from pins group by 1 order by 2 desc'");
        out.println("  archive       ./pipeline archive ls");
        out.println("  daily batch   ./pipeline batch --date " + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        out.println("  metrics       curl -s http://127.0.0.1:" + stack.ingestPort + "/actuator/prometheus"
                + "   (ingest-api: pins_accepted_total, pins_rejected_total)");
        out.println(
                "                curl -s http://127.0.0.1:" + stack.consumerPort + "/actuator/prometheus"
                        + "   (batch-consumer: archive_partition_lag, archive_files_written_total, archive_bytes_written_total)");
        out.println("                ./pipeline sql 'select max(written_at - ingested_at), count(*) from pin_events'"
                + "   (streaming ack→row, rows)");
        out.println("                ./pipeline sql 'select * from daily_summary order by processed_at desc limit 1'"
                + "   (last daily batch)");
        out.println("  logs          " + dataDir.resolve("logs"));
        out.println();
    }

    /**
     * Refreshes the status line every second until Ctrl-C, or until a component died more often than it may be
     * restarted ({@link PipelineGuard}).
     */
    private void watch(LocalPipeline pipeline, PipelineGuard guard, Path dataDir, long start)
            throws InterruptedException {
        boolean terminal = System.console() != null;
        boolean firstRowSeen = false;
        long lastPrinted = 0;
        String lastNotes = "";
        try (PipelineProbe probe =
                new PipelineProbe(pipeline.endpoints(), stack.ingestPort, postedFile(dataDir, stack.topic))) {
            while (!stopping) {
                var status = probe.read();
                if (stopping) {
                    break;
                }
                var notes = guard.notes();
                String line = StatusLine.render(status, notes);
                if (!firstRowSeen && status.events() > 0) {
                    firstRowSeen = true;
                    String msg = "first row in PostgreSQL " + LocalPipeline.seconds(System.nanoTime() - start)
                            + " after start";
                    out.print(terminal ? "\r\033[2K" + msg + "\n" : msg + "\n");
                }
                if (terminal) {
                    out.print("\r\033[2K" + line);
                    out.flush();
                } else if (System.nanoTime() - lastPrinted > TimeUnit.SECONDS.toNanos(10)
                        || !notes.toString().equals(lastNotes)) { // a death or a restart is shown at once
                    out.println(line);
                    lastPrinted = System.nanoTime();
                }
                lastNotes = notes.toString();
                Optional<String> failure = guard.failure();
                if (failure.isPresent()) {
                    out.println();
                    System.err.println(failure.get());
                    System.exit(1);
                }
                TimeUnit.SECONDS.sleep(1);
            }
        }
    }

    /**
     * Where the status keeps the posted count of a topic between runs (ingest-api's own counter starts at 0 each
     * time).
     */
    static Path postedFile(Path dataDir, String topic) {
        return dataDir.resolve("posted-" + topic + ".count");
    }

    /** Deletes everything in {@code dir} but the file {@code keep}. */
    static void deleteContents(Path dir, String keep) {
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(entry -> !entry.getFileName().toString().equals(keep))
                    .forEach(RunCommand::deleteRecursively);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the contents of " + dir, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
