package dev.pinpipeline.clusterit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinpipeline.clusterit.SparkService.Substitutions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The health checks of docker-compose.yml's spark-master and spark-worker, proven against the real processes:
 * Spark's Master and Worker started with the services' commands and environment, each service's host name mapped to
 * a loopback address of its own (spark-master → 127.0.0.2, spark-worker → 127.0.0.3), the container's own loopback
 * being this machine's 127.0.0.1. As in a container, SPARK_LOCAL_IP is unset (the web UIs bind all addresses) and
 * the host name is the service's ({@code SPARK_LOCAL_HOSTNAME}, and a {@code hostname} command answering it). The
 * compose ports are mapped to free ones, in the command and in the check alike: the machine is shared.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ComposeHealthCheckIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("repository.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final String MASTER_ADDRESS = "127.0.0.2";
    private static final String WORKER_ADDRESS = "127.0.0.3";
    /** Spark's defaults, which a compose check may probe though the command does not name them. */
    private static final String MASTER_PORT = "7077";

    private static final String MASTER_UI_PORT = "8080";
    private static final String WORKER_UI_PORT = "8081";
    /** spark-master's check as docker-compose.yml had it before issue 16: the container's loopback. */
    private static final List<String> LOOPBACK_CHECK =
            List.of("CMD-SHELL", "bash -c 'exec 3<>/dev/tcp/127.0.0.1/7077'");

    private final ComposeFile compose = ComposeFile.of(REPOSITORY);
    private final SparkHome sparkHome = SparkHome.create();
    private Substitutions ports;
    private SparkProcess master;
    private SparkProcess worker;

    @BeforeEach
    void mapPorts() {
        ports = new Substitutions(Map.of(
                MASTER_PORT,
                Integer.toString(SparkService.freePort()),
                MASTER_UI_PORT,
                Integer.toString(SparkService.freePort()),
                WORKER_UI_PORT,
                Integer.toString(SparkService.freePort()),
                "spark-master",
                MASTER_ADDRESS,
                "spark-worker",
                WORKER_ADDRESS));
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void sparkMastersComposeHealthCheckPassesWhileTheMasterRunsAndFailsWhenItDoesNot() throws Exception {
        ComposeFile.HealthCheck check = compose.healthCheck("spark-master");
        assertFails(() -> masterCheck(check), "before the Master starts");

        startMaster();
        assertPasses(() -> masterCheck(check), "the Master runs");

        master.close();
        assertFails(() -> masterCheck(check), "the Master stopped");
    }

    @Test
    void sparkWorkersComposeHealthCheckPassesWhileTheWorkerRunsAndFailsWhenItDoesNot() throws Exception {
        ComposeFile.HealthCheck check = compose.healthCheck("spark-worker");
        startMaster();
        assertFails(() -> workerCheck(check), "before the Worker starts");

        startWorker();
        assertPasses(() -> workerCheck(check), "the Worker runs");

        worker.close();
        assertFails(() -> workerCheck(check), "the Worker stopped");
    }

    /** Why the check must name the service: the Master's RPC port is bound to its --host only, not to loopback. */
    @Test
    void aMasterStartedWithItsComposeHostRefusesALoopbackProbeAndAcceptsOneOfItsHostAddress() throws Exception {
        startMaster();

        ComposeFile.HealthCheck loopback = new ComposeFile.HealthCheck(LOOPBACK_CHECK, Duration.ofSeconds(3));
        ComposeFile.HealthCheck ownAddress = new ComposeFile.HealthCheck(
                List.of("CMD-SHELL", "bash -c 'exec 3<>/dev/tcp/spark-master/7077'"), Duration.ofSeconds(3));
        assertFails(() -> masterCheck(loopback), "probe of 127.0.0.1");
        assertPasses(() -> masterCheck(ownAddress), "probe of spark-master");
    }

    /**
     * Docker marks a service healthy once one run of its check passes, and a run that outlasts the check's timeout
     * (a busy machine) is just a failed attempt: so a check of a running process passes if one of its runs does,
     * within a minute.
     */
    private static void assertPasses(Supplier<HealthCheckRun> check, String state) {
        HealthCheckRun run = firstRun(check, state, HealthCheckRun::passed);
        assertThat(run).as(state).matches(HealthCheckRun::passed, "passes");
    }

    /**
     * A check of a process that is not there must fail by itself (its command exits non-zero), not because it ran
     * out of time: runs that timed out are repeated, within a minute.
     */
    private static void assertFails(Supplier<HealthCheckRun> check, String state) {
        HealthCheckRun run = firstRun(check, state, completed -> !completed.timedOut());
        assertThat(run)
                .as(state)
                .matches(
                        completed -> !completed.timedOut() && !completed.passed(),
                        "fails by itself, before its timeout");
    }

    /** Runs the check until a run matches {@code wanted} (at most a minute); that run, or the last one. */
    private static HealthCheckRun firstRun(
            Supplier<HealthCheckRun> check, String state, java.util.function.Predicate<HealthCheckRun> wanted) {
        AtomicReference<HealthCheckRun> last = new AtomicReference<>();
        try {
            await(state)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        last.set(check.get());
                        return wanted.test(last.get());
                    });
        } catch (ConditionTimeoutException e) {
            // the last run, in the assertion's message
        }
        return last.get();
    }

    private void startMaster() {
        Map<String, String> environment = containerEnvironment(MASTER_ADDRESS);
        environment.put("SPARK_MASTER_WEBUI_PORT", ports.apply(MASTER_UI_PORT));
        master = SparkService.start(compose, "spark-master", ports, sparkHome, "256m", environment);
        await("the Master is ALIVE")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(() -> master.isAlive() && "ALIVE".equals(masterStatus().status()));
    }

    private void startWorker() {
        Map<String, String> environment = containerEnvironment(WORKER_ADDRESS);
        environment.put("SPARK_WORKER_WEBUI_PORT", ports.apply(WORKER_UI_PORT));
        worker = SparkService.start(compose, "spark-worker", ports, sparkHome, "256m", environment);
        await("the Worker registered")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(() -> worker.isAlive() && masterStatus().aliveWorkers() == 1);
    }

    /** No SPARK_LOCAL_IP (set for the build's Spark tests), and the container's host name: the service's address. */
    private static Map<String, String> containerEnvironment(String address) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPARK_LOCAL_IP", null);
        environment.put("SPARK_LOCAL_HOSTNAME", address);
        return environment;
    }

    private MasterStatus masterStatus() throws Exception {
        return MasterStatus.read(MASTER_ADDRESS, Integer.parseInt(ports.apply(MASTER_UI_PORT)));
    }

    private HealthCheckRun masterCheck(ComposeFile.HealthCheck check) {
        return HealthCheckRun.run(check, ports, MASTER_ADDRESS);
    }

    private HealthCheckRun workerCheck(ComposeFile.HealthCheck check) {
        return HealthCheckRun.run(check, ports, WORKER_ADDRESS);
    }
}
