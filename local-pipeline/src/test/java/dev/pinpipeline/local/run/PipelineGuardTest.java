package dev.pinpipeline.local.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.local.process.ChildProcess;
import dev.pinpipeline.local.process.Supervisor;
import dev.pinpipeline.local.status.ComponentNote;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PipelineGuardTest {

    @TempDir
    Path dir;

    @Test
    void waitsTwiceAsLongBeforeEachRestartUpToItsCap() {
        PipelineGuard.Policy policy =
                new PipelineGuard.Policy(5, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(List.of(1, 2, 3, 4, 5).stream().map(policy::delayBefore))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
    }

    @Test
    @Timeout(60)
    void restartsADeadServiceThenGivesUpNamingItAndItsLog() throws Exception {
        try (Supervisor supervisor = new Supervisor(dir.resolve("logs"), dir);
                PipelineGuard guard = new PipelineGuard(
                        List::of,
                        supervisor,
                        new PipelineGuard.Policy(
                                2, Duration.ofMinutes(10), Duration.ofMillis(10), Duration.ofMillis(50)))) {
            supervisor.start("crasher", List.of("sh", "-c", "sleep 0.2; exit 1"), Map.of());
            guard.start();

            String failure = await().atMost(Duration.ofSeconds(30))
                    .until(guard::failure, f -> f.isPresent())
                    .get();

            assertThat(failure)
                    .isEqualTo("crasher died 3 times within 10 min; stopping. See its log: "
                            + dir.resolve("logs/crasher.log"));
            assertThat(guard.notes()).containsExactly(new ComponentNote("crasher", true, 2));
        }
    }

    @Test
    @Timeout(60)
    void leavesAnEmulatorThatFinishedItsCountAlone() throws Exception {
        try (Supervisor supervisor = new Supervisor(dir.resolve("logs"), dir);
                PipelineGuard guard = new PipelineGuard(List::of, supervisor, PipelineGuard.Policy.DEFAULT)) {
            ChildProcess emulator = supervisor.start("user-emulator", List.of("sh", "-c", "exit 0"), Map.of());
            ChildProcess witness = supervisor.start("witness", List.of("sh", "-c", "exit 1"), Map.of());
            emulator.waitFor();
            witness.waitFor();
            guard.start();

            // The guard has looked at both once it restarted the witness.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> guard.notes().stream().anyMatch(n -> n.restarts() > 0));

            assertThat(guard.notes()).extracting(ComponentNote::component).containsExactly("witness");
            assertThat(supervisor.children()).contains(emulator);
        }
    }
}
