package dev.pinpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CrashedCallerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void killedCallerLeavesNoServerRunningAndItsDataStartsAgain(@TempDir Path dataDir) throws Exception {
        Process caller = startCaller(dataDir.toString());
        List<Long> pids = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (String line : linesUntilHolding(caller)) {
                if (line.startsWith("SERVER ")) {
                    String[] fields = line.split(" ");
                    pids.add(Long.parseLong(fields[2]));
                    ports.add(Integer.parseInt(fields[3]));
                }
            }
            pids.add(postmasterPid(dataDir));
            assertThat(pids).hasSize(4).allMatch(pid -> ProcessHandle.of(pid).isPresent());
        } finally {
            caller.destroyForcibly(); // SIGKILL: no shutdown hook of the caller runs
            caller.waitFor();
        }

        awaitUntil(() -> pids.stream().noneMatch(CrashedCallerIT::isAlive), "server processes " + pids + " to exit");
        awaitUntil(() -> ports.stream().noneMatch(FreePorts::isListening), "ports " + ports + " to be free");

        try (LocalInfra again =
                LocalInfra.builder().dataDir(dataDir).kafka().s3().postgres().start()) {
            assertThat(Clients.consume(again.kafka(), "it-crash", 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("survives a crash");
            try (S3Client s3 = Clients.s3(again.s3())) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket("it-crash").key("kept"))
                                .asUtf8String())
                        .isEqualTo("survives a crash");
            }
            try (Connection connection = Clients.postgres(again.postgres());
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT note FROM crash_check")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("survives a crash");
            }
        }
    }

    @Test
    void killedCallerLeavesNoTemporaryDataBehind() throws Exception {
        Process caller = startCaller("--temporary");
        Path dataDir;
        long pid;
        try {
            List<String> lines = linesUntilHolding(caller);
            dataDir = Path.of(lines.stream()
                    .filter(line -> line.startsWith("DATA "))
                    .findFirst()
                    .orElseThrow()
                    .substring(5));
            pid = Long.parseLong(lines.stream()
                    .filter(line -> line.startsWith("SERVER "))
                    .findFirst()
                    .orElseThrow()
                    .split(" ")[2]);
            assertThat(dataDir.resolve("s3")).isDirectory();
        } finally {
            caller.destroyForcibly();
            caller.waitFor();
        }

        awaitUntil(() -> !isAlive(pid), "the S3 server process to exit");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void postgresLeftRunningByAKilledServerProcessIsReplacedOnNextStart() throws Exception {
        try (LocalInfra infra = LocalInfra.builder().postgres().start()) {
            LocalPostgres postgres = infra.postgres();
            long postmaster = postmasterPid(infra.dataDir());
            ProcessHandle serverProcess = ProcessHandle.of(postgres.pid()).orElseThrow();
            serverProcess.destroyForcibly();
            serverProcess.onExit().get(30, TimeUnit.SECONDS);
            assertThat(isAlive(postmaster)).isTrue();

            postgres.start();

            assertThat(isAlive(postmaster)).isFalse();
            try (Connection connection = Clients.postgres(postgres)) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aStalePostmasterPidNamingAnotherLiveProcessDoesNotBlockAStart() throws Exception {
        try (LocalInfra infra = LocalInfra.builder().postgres().start()) {
            LocalPostgres postgres = infra.postgres();
            postgres.stop();
            Path pidFile = infra.dataDir().resolve("postgres/cluster/postmaster.pid");
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + pidFile.getParent() + "\n");

            postgres.start();

            try (Connection connection = Clients.postgres(postgres)) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    private static Process startCaller(String argument) throws Exception {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        InfraHolderMain.class.getName(),
                        argument)
                .redirectErrorStream(true)
                .start();
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static List<String> linesUntilHolding(Process caller) throws Exception {
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
            List<String> read = new ArrayList<>();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(caller.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    read.add(line);
                    if (line.equals("HOLDING")) {
                        return read;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException(
                    "The caller JVM ended before holding the servers:\n" + String.join("\n", read));
        });
        return lines.get(240, TimeUnit.SECONDS);
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/cluster/postmaster.pid"))
                .get(0)
                .trim());
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + PATIENCE.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
