package dev.pinpipeline.bench.chaos;

import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The chaos run (bench/chaos/run.sh starts it; see the README beside it):
 * {@code ChaosRun <minutes> <seed> <data dir> <Kafka brokers> [network namespace]}. Starts the pipeline, feeds it, kills its parts at random for the
 * given minutes, lets it settle, re-runs the daily batch, checks the outcome independently and prints the table;
 * exits 0 only when nothing was lost, doubled or left wrong and every fault was survived.
 */
public final class ChaosRun {

    private static final int EMULATOR_RATE = 10;
    private static final double POSTER_RATE = 10;
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(5);
    private static final Duration BATCH_LIMIT = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(args[0]);
        long seed = Long.parseLong(args[1]);
        Path dataDir = Path.of(args[2]).toAbsolutePath();
        int brokers = Integer.parseInt(args[3]);
        String namespace = args.length > 4 && !args[4].isBlank() ? args[4] : null;
        Files.createDirectories(dataDir);
        ProjectLayout layout = ProjectLayout.locate();
        System.out.printf("chaos: %.1f minutes, seed %d, %d Kafka broker(s), %s, data and logs in %s%n", minutes,
                seed, brokers, namespace == null ? "no network partitions" : "network namespace " + namespace, dataDir);

        try (ChaosStack stack = new ChaosStack(layout, dataDir, EMULATOR_RATE, seed, brokers, namespace)) {
            long t0 = System.nanoTime();
            stack.start();
            System.out.printf("chaos: pipeline up in %.1f s; ingest-api %s%n", (System.nanoTime() - t0) / 1e9,
                    stack.ingestUrl());
            LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);
            try (Probes probes = new Probes(stack.endpoints())) {
                AckPoster poster = new AckPoster(stack.ingestUrl(), layout.realPins(), POSTER_RATE, seed);
                Thread posting = new Thread(poster, "ack-poster");
                posting.start();
                stack.startEmulators();

                FaultScheduler scheduler = new FaultScheduler(stack, probes, poster, seed);
                ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
                watchdog.scheduleWithFixedDelay(() -> {
                    try {
                        scheduler.restartServicesThatDied();
                    } catch (RuntimeException e) {
                        System.out.println("chaos: watchdog: " + e.getMessage());
                    }
                }, 5, 2, TimeUnit.SECONDS);

                scheduler.runUntil(Instant.now().plus(Duration.ofMillis((long) (minutes * 60_000))));

                watchdog.shutdown();
                watchdog.awaitTermination(2, TimeUnit.MINUTES);
                scheduler.restartServicesThatDied();
                System.out.println("chaos: faults over; stopping the feed and letting the pipeline settle");
                poster.stop();
                posting.join(90_000);
                stack.stopEmulators();
                awaitSettled(probes);

                Duration batchRerun = rerunBatch(stack, firstDay);
                IndependentCheck.Verdict verdict = IndependentCheck.check(poster.acks(),
                        KafkaRecords.readAll(stack.endpoints().kafkaBootstrapServers(), ChaosStack.TOPIC),
                        ArchiveLines.readAll(probes.s3(), ChaosStack.BUCKET, ChaosStack.TOPIC),
                        DatabaseRows.read(stack.endpoints()));
                System.out.printf("chaos: the poster's pins: %d acknowledged, %d rejected, %d retries%n",
                        poster.ackCount(), poster.rejected(), poster.retries());
                System.out.println(Report.render(scheduler.faults(), scheduler.restartsOnTheirOwn(), batchRerun, verdict));
                System.out.flush();
                boolean ok = verdict.passed() && scheduler.faults().stream().allMatch(Fault::survived) && batchRerun != null;
                stack.close();
                System.exit(ok ? 0 : 1);
            }
        }
    }

    /** Waits until the archive and pin_events stop growing for 30 s (the archiver flushes after 5 s idle). */
    private static void awaitSettled(Probes probes) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        long archive = -2;
        long events = -2;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long a = probes.archiveObjects();
            long e = probes.pinEvents();
            if (a != archive || e != events || a < 0 || e < 0) {
                archive = a;
                events = e;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(30).toNanos()) {
                return;
            }
            Thread.sleep(2_000);
        }
        System.out.println("chaos: still changing after " + SETTLE_LIMIT.toMinutes() + " minutes; checking anyway");
    }

    /** Runs spark-batch to the end for each day of the run; its duration, or null when a run failed. */
    private static Duration rerunBatch(ChaosStack stack, LocalDate firstDay) throws InterruptedException {
        Set<LocalDate> days = new LinkedHashSet<>();
        for (LocalDate d = firstDay; !d.isAfter(LocalDate.now(ZoneOffset.UTC)); d = d.plusDays(1)) {
            days.add(d);
        }
        long start = System.nanoTime();
        for (LocalDate day : days) {
            ChildProcess batch = stack.startBatch(day.toString());
            if (!batch.process().waitFor(BATCH_LIMIT.toSeconds(), TimeUnit.SECONDS) || batch.exitCode() != 0) {
                System.out.println("chaos: spark-batch for " + day + " failed: see " + batch.logFile());
                return null;
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private ChaosRun() {
    }
}
