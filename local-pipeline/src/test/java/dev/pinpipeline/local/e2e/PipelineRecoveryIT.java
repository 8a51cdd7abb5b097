package dev.pinpipeline.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.infra.LocalServer;
import dev.pinpipeline.infra.Server;
import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.infra.LocalStack;
import dev.pinpipeline.local.process.ChildProcess;
import dev.pinpipeline.local.run.LocalPipeline;
import dev.pinpipeline.local.run.PipelineGuard;
import dev.pinpipeline.local.status.ComponentNote;
import dev.pinpipeline.local.status.PipelineProbe;
import dev.pinpipeline.local.status.PipelineStatus;
import dev.pinpipeline.local.status.StatusLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher watches what it started: with the emulator posting, Kafka and then ingest-api are SIGKILLed under the
 * pipeline; each is named on the status line, comes back, the pins flow again, and no count of the status line ever
 * goes back (posted included, although ingest-api's own counter restarts at 0).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PipelineRecoveryIT {

    private static final Duration DETECT = Duration.ofSeconds(30);
    private static final Duration RECOVER = Duration.ofSeconds(150);

    @TempDir
    Path dataDir;

    private LocalPipeline pipeline;
    private PipelineProbe probe;
    private PipelineGuard guard;
    private PipelineStatus highest = new PipelineStatus(-1, -1, -1, -1, -1, null);

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aKilledServerAndAKilledServiceAreNamedRestartedAndTheCountsGoOn() throws Exception {
        ProjectLayout layout = new ProjectLayout(Path.of("..").toAbsolutePath().normalize());
        assertThat(layout.missingArtifacts())
                .as("jars built by the other modules")
                .isEmpty();
        int ingestPort = LocalPipelineIT.freePort();
        pipeline = LocalPipeline.start(
                        layout,
                        new LocalPipeline.Config(
                                dataDir,
                                new LocalStack.Ports(0, 0, 0),
                                ingestPort,
                                LocalPipelineIT.freePort(),
                                "PinterestTopic",
                                2,
                                "pinterestdata"),
                        System.out::println)
                .awaitReady();
        guard = pipeline.watch(
                new PipelineGuard.Policy(3, Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofSeconds(8)));
        probe = new PipelineProbe(pipeline.endpoints(), ingestPort, dataDir.resolve("posted-PinterestTopic.count"));
        pipeline.startEmulator(List.of("--rate", "20", "--seed", "7"));

        PipelineStatus beforeKafka =
                awaitStatus("pins posted and in PostgreSQL", s -> s.posted() > 0 && s.onKafka() > 0 && s.events() > 0);

        LocalServer kafka = pipeline.servers().stream()
                .filter(s -> s.server() == Server.KAFKA)
                .findFirst()
                .orElseThrow();
        sigkill(kafka.pid());
        awaitLine(
                "the status line names Kafka",
                DETECT,
                line -> line.contains("Kafka down, restarting") || line.contains("restarted Kafka 1×"));
        awaitLine("Kafka restarted", RECOVER, line -> line.contains("restarted Kafka 1×") && !line.contains("down"));
        assertThat(kafka.isRunning()).isTrue();
        PipelineStatus beforeIngest = awaitStatus(
                "new pins on Kafka and in PostgreSQL after Kafka's restart",
                s -> s.onKafka() > beforeKafka.onKafka() && s.events() > beforeKafka.events());

        ChildProcess ingest = pipeline.supervisor().children().stream()
                .filter(c -> c.name().equals("ingest-api"))
                .findFirst()
                .orElseThrow();
        long postedBeforeKill = probeRead().posted();
        sigkill(ingest.pid());
        awaitLine(
                "the status line names ingest-api",
                DETECT,
                line -> line.contains("ingest-api down, restarting") || line.contains("ingest-api 1×"));
        awaitLine("ingest-api restarted", RECOVER, line -> line.contains("ingest-api 1×") && !line.contains("down"));
        awaitStatus(
                "posted goes on from where it was, and new pins reach PostgreSQL",
                s -> s.posted() > postedBeforeKill + 20 && s.events() > beforeIngest.events());

        assertThat(guard.failure()).isEmpty();
        assertThat(guard.notes()).extracting(ComponentNote::component).contains("Kafka", "ingest-api");
    }

    private PipelineStatus awaitStatus(String what, java.util.function.Predicate<PipelineStatus> condition) {
        return await(what).atMost(RECOVER).pollInterval(Duration.ofSeconds(1)).until(this::probeRead, condition);
    }

    private void awaitLine(String what, Duration timeout, java.util.function.Predicate<String> condition) {
        await(what)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> StatusLine.render(probeRead(), guard.notes()), condition);
    }

    /** A status reading; fails the test if a count went below what it showed before (-1: not readable now). */
    private PipelineStatus probeRead() {
        PipelineStatus s = probe.read();
        assertNotBelow("posted", s.posted(), highest.posted());
        assertNotBelow("kafka", s.onKafka(), highest.onKafka());
        assertNotBelow("archived", s.archived(), highest.archived());
        assertNotBelow("events", s.events(), highest.events());
        assertNotBelow("pins", s.pins(), highest.pins());
        highest = new PipelineStatus(
                Math.max(s.posted(), highest.posted()),
                Math.max(s.onKafka(), highest.onKafka()),
                Math.max(s.archived(), highest.archived()),
                Math.max(s.events(), highest.events()),
                Math.max(s.pins(), highest.pins()),
                null);
        return s;
    }

    private static void assertNotBelow(String count, long now, long before) {
        if (now >= 0) {
            assertThat(now).as(count + " went back").isGreaterThanOrEqualTo(before);
        }
    }

    private static void sigkill(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        assertThat(process.destroyForcibly()).isTrue();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
