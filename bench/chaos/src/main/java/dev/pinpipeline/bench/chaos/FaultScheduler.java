package dev.pinpipeline.bench.chaos;

import dev.pinpipeline.local.process.ChildProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Kills one component at a time with SIGKILL at seeded random moments, until the deadline: every component once
 * in a shuffled round, then another round. A killed server stays down a few seconds, then restarts on its data; a
 * killed service is started again at once, as a supervisor would. A fault is survived when every progress signal
 * that flows through the component has moved past its value at the restart.
 */
final class FaultScheduler {

    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(240);

    private final ChaosStack stack;
    private final Probes probes;
    private final AckPoster poster;
    private final Random random;
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final Map<Component, Integer> restartsOnTheirOwn = new EnumMap<>(Component.class);
    private volatile Component underFault;

    FaultScheduler(ChaosStack stack, Probes probes, AckPoster poster, long seed) {
        this.stack = stack;
        this.probes = probes;
        this.poster = poster;
        this.random = new Random(seed);
    }

    void runUntil(Instant deadline) {
        List<Component> round = new ArrayList<>();
        while (Instant.now().plusSeconds(30).isBefore(deadline)) {
            if (round.isEmpty()) {
                Arrays.stream(Component.values()).filter(c -> stack.hasNamespace() || !c.isPartition())
                        .forEach(round::add);
                Collections.shuffle(round, random);
            }
            pause(Duration.ofMillis(3_000 + random.nextInt(9_000)));
            Component next = round.remove(0);
            Fault fault = next == Component.SPARK_BATCH ? killBatchMidWrite()
                    : next.isPartition() ? partition(next) : inject(next);
            faults.add(fault);
            System.out.printf("chaos: %-20s killed at %s, %s%s%n", next.label(), fault.killedAt(),
                    fault.survived() ? "recovered in " + seconds(fault.recovery()) : "NOT recovered",
                    fault.note().isEmpty() ? "" : " (" + fault.note() + ")");
        }
    }

    private Fault inject(Component component) {
        long acks = poster.ackCount();
        underFault = component;
        Instant killedAt = Instant.now();
        long killed = System.nanoTime();
        String target = stack.kill(component, random);
        pause(stack.isServer(component) ? Duration.ofMillis(2_000 + random.nextInt(8_000))
                : Duration.ofMillis(random.nextInt(3_000)));
        try {
            stack.restart(component);
        } catch (RuntimeException e) {
            underFault = null;
            return new Fault(component, killedAt, null, "restart failed: " + e.getMessage());
        }
        underFault = null;
        List<LongSupplier> signals = signalsThrough(component);
        long[] atRestart = signals.stream().mapToLong(LongSupplier::getAsLong).toArray();
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (stack.isUp(component) && allMoved(signals, atRestart)) {
                return new Fault(component, killedAt, Duration.ofNanos(System.nanoTime() - killed), target);
            }
            pause(Duration.ofMillis(500));
        }
        return new Fault(component, killedAt, null, target + " no progress within " + RECOVERY_LIMIT.toSeconds() + " s"
                + " (acks " + acks + " -> " + poster.ackCount() + ")");
    }

    /**
     * Cuts the namespace's link to Kafka or PostgreSQL for 15-40 s, then heals it; recovered once what flows through
     * the cut services moved again. Its recovery is counted from the heal: the cut itself is the fault's length.
     */
    private Fault partition(Component component) {
        String link = component == Component.CUT_FROM_KAFKA ? "kafka" : "postgres";
        Instant cutAt = Instant.now();
        stack.cut(link);
        Duration length = Duration.ofMillis(15_000 + random.nextInt(25_000));
        long settled;
        long beforeHeal;
        try {
            // What was in flight lands in the first seconds; after that, the cut job writes nothing more.
            pause(Duration.ofSeconds(5));
            settled = probes.pinEvents();
            pause(length.minusSeconds(5));
            beforeHeal = probes.pinEvents();
        } finally {
            stack.heal(link);
        }
        long healed = System.nanoTime();
        List<LongSupplier> signals = signalsThrough(component);
        long[] atHeal = signals.stream().mapToLong(LongSupplier::getAsLong).toArray();
        // Evidence that the cut cut: spark-streaming, inside the namespace, wrote nothing while it lasted.
        String note = "cut " + seconds(length) + (beforeHeal > settled
                ? ", yet pin_events grew by " + (beforeHeal - settled) + " during the cut" : ", pin_events frozen");
        if (beforeHeal > settled) {
            return new Fault(component, cutAt, null, note + ": the partition did not partition");
        }
        while (System.nanoTime() - healed < RECOVERY_LIMIT.toNanos()) {
            if (allMoved(signals, atHeal)) {
                return new Fault(component, cutAt, Duration.ofNanos(System.nanoTime() - healed), note);
            }
            pause(Duration.ofMillis(500));
        }
        return new Fault(component, cutAt, null, note + ", no progress within " + RECOVERY_LIMIT.toSeconds() + " s");
    }

    /** What must move again before the component counts as recovered. */
    private List<LongSupplier> signalsThrough(Component component) {
        LongSupplier acks = poster::ackCount;
        LongSupplier archive = probes::archiveObjects;
        LongSupplier events = probes::pinEvents;
        return switch (component) {
            case INGEST_API -> List.of(acks);
            case BATCH_CONSUMER_1, BATCH_CONSUMER_2, S3 -> List.of(archive);
            case SPARK_STREAMING, POSTGRES -> List.of(events);
            case KAFKA -> List.of(acks, archive, events);
            case CUT_FROM_KAFKA -> List.of(archive, events);
            case CUT_FROM_POSTGRES -> List.of(events);
            case EMULATOR_REAL, EMULATOR_GENERATED, SPARK_BATCH -> List.of();
        };
    }

    private static boolean allMoved(List<LongSupplier> signals, long[] atRestart) {
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i).getAsLong() <= atRestart[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Starts spark-batch on today's archive and kills it once a new file appears below curated/ (mid-write). Its
     * re-run after the chaos, on the whole day, is what the final check compares with the archive.
     */
    private Fault killBatchMidWrite() {
        underFault = Component.SPARK_BATCH;
        Set<String> before = probes.curatedKeys();
        Instant started = Instant.now();
        ChildProcess batch = stack.startBatch(LocalDate.now(ZoneOffset.UTC).toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        boolean writing = false;
        while (before != null && batch.isAlive() && System.nanoTime() < deadline && !writing) {
            // Spark's output files (temporary ones first) have new names: a new key means it is writing.
            Set<String> now = probes.curatedKeys();
            writing = now != null && !before.containsAll(now);
            pause(Duration.ofMillis(200));
        }
        if (writing) {
            pause(Duration.ofMillis(random.nextInt(1_500)));
        }
        boolean aliveAtKill = batch.isAlive();
        Instant killedAt = Instant.now();
        stack.kill(Component.SPARK_BATCH, random);
        underFault = null;
        String note = !aliveAtKill ? "finished before the kill (exit " + batch.exitCode() + ")"
                : writing ? "killed mid-write, " + seconds(Duration.between(started, killedAt)) + " after its start"
                : "killed before it wrote";
        return new Fault(Component.SPARK_BATCH, killedAt, aliveAtKill ? Duration.ZERO : null, note);
    }

    /**
     * Restarts services that died without being killed (e.g. a job that gave up while its server was down), so
     * the run goes on; the table reports them. Called from a watchdog thread.
     */
    void restartServicesThatDied() {
        for (Component service : List.of(Component.INGEST_API, Component.BATCH_CONSUMER_1, Component.BATCH_CONSUMER_2,
                Component.SPARK_STREAMING, Component.EMULATOR_REAL, Component.EMULATOR_GENERATED)) {
            if (service != underFault && !stack.isAlive(service)) {
                synchronized (restartsOnTheirOwn) {
                    restartsOnTheirOwn.merge(service, 1, Integer::sum);
                }
                System.out.printf("chaos: %s exited on its own; restarting it%n", service.label());
                stack.restart(service);
            }
        }
    }

    List<Fault> faults() {
        return List.copyOf(faults);
    }

    Map<Component, Integer> restartsOnTheirOwn() {
        synchronized (restartsOnTheirOwn) {
            return Map.copyOf(restartsOnTheirOwn);
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
