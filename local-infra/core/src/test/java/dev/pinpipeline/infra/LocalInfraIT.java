package dev.pinpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinpipeline.infra.junit.LocalInfraExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Each server through a real client, on the servers shared by the test JVM (as other modules use them). */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LocalInfraIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA, Server.S3, Server.POSTGRES);

    @Test
    void kafkaAcceptsARecordAndServesItBack() throws Exception {
        RecordMetadata sent = Clients.produce(infra.kafka(), "it-roundtrip", "key-1", "value-1");

        ConsumerRecord<String, String> read =
                Clients.consume(infra.kafka(), "it-roundtrip", 1).get(0);
        assertThat(read.offset()).isEqualTo(sent.offset());
        assertThat(read.key()).isEqualTo("key-1");
        assertThat(read.value()).isEqualTo("value-1");
    }

    @Test
    void s3StoresAnObjectInABucketCreatedWithTheSdk() {
        try (S3Client s3 = Clients.s3(infra.s3())) {
            s3.createBucket(b -> b.bucket("it-objects"));
            s3.putObject(
                    b -> b.bucket("it-objects").key("raw/2024/01/01/part-0.jsonl"),
                    RequestBody.fromString("{\"a\":1}\n"));

            assertThat(s3.getObjectAsBytes(b -> b.bucket("it-objects").key("raw/2024/01/01/part-0.jsonl"))
                            .asUtf8String())
                    .isEqualTo("{\"a\":1}\n");
        }
        assertThat(infra.s3().serverDir().resolve("buckets/it-objects")).isDirectory();
    }

    @Test
    void s3RejectsWrongCredentials() {
        try (S3Client s3 = Clients.s3(infra.s3(), infra.s3().accessKey(), "not-the-secret")) {
            assertThatThrownBy(s3::listBuckets)
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void postgresHasThePinsDatabaseOwnedByASuperuserRole() throws Exception {
        try (Connection connection = Clients.postgres(infra.postgres());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT current_user, current_database(), rolsuper FROM pg_roles WHERE rolname = current_user")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("pins");
            assertThat(result.getString(2)).isEqualTo("pins");
            assertThat(result.getBoolean(3)).isTrue();
        }
        try (Connection superuser = DriverManager.getConnection(
                infra.postgres().superuserJdbcUrl(), infra.postgres().superuser(), "")) {
            assertThat(superuser.isValid(5)).isTrue();
        }
    }

    @Test
    void postgresStoresAnyUnicodeText() throws Exception {
        String text = "Kitchen 🍳 décor · 北京 · trailing no-break space\u00a0";
        try (Connection connection = Clients.postgres(infra.postgres());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE unicode_check (note text)");
            try (var insert = connection.prepareStatement("INSERT INTO unicode_check VALUES (?)")) {
                insert.setString(1, text);
                insert.executeUpdate();
            }
            try (ResultSet result = statement.executeQuery(
                    "SELECT note, pg_encoding_to_char(encoding) FROM unicode_check, pg_database WHERE datname = 'pins'")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo(text);
                assertThat(result.getString(2)).isEqualTo("UTF8");
            }
        }
    }

    @Test
    void kafkaRestartsOnTheSamePortWithItsRecords() throws Exception {
        LocalKafka kafka = infra.kafka();
        Clients.produce(kafka, "it-restart", "k", "before the restart");
        int port = kafka.port();

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        assertThat(FreePorts.isListening(port)).isFalse();
        kafka.start();

        assertThat(kafka.port()).isEqualTo(port);
        assertThat(Clients.consume(kafka, "it-restart", 1))
                .extracting(ConsumerRecord::value)
                .containsExactly("before the restart");
    }

    @Test
    void s3RestartsOnTheSamePortWithItsObjects() {
        LocalS3 s3 = infra.s3();
        try (S3Client client = Clients.s3(s3)) {
            client.createBucket(b -> b.bucket("it-restart"));
            client.putObject(b -> b.bucket("it-restart").key("kept"), RequestBody.fromString("kept"));
        }
        int port = s3.port();

        s3.stop();
        assertThat(FreePorts.isListening(port)).isFalse();
        s3.start();

        assertThat(s3.port()).isEqualTo(port);
        try (S3Client client = Clients.s3(s3)) {
            assertThat(client.getObjectAsBytes(b -> b.bucket("it-restart").key("kept"))
                            .asUtf8String())
                    .isEqualTo("kept");
        }
    }

    @Test
    void postgresRestartsOnTheSamePortWithItsRows() throws Exception {
        LocalPostgres postgres = infra.postgres();
        try (Connection connection = Clients.postgres(postgres);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE restart_check (id int PRIMARY KEY)");
            statement.execute("INSERT INTO restart_check VALUES (42)");
        }
        int port = postgres.port();

        postgres.stop();
        assertThat(FreePorts.isListening(port)).isFalse();
        postgres.start();

        assertThat(postgres.port()).isEqualTo(port);
        try (Connection connection = Clients.postgres(postgres);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id FROM restart_check")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void kafkaKeepsAcknowledgedRecordsThroughACrash() throws Exception {
        LocalKafka kafka = infra.kafka();
        Clients.produce(kafka, "it-crash-kafka", "k", "acknowledged before the crash");

        kafka.kill();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();

        assertThat(Clients.consume(kafka, "it-crash-kafka", 1))
                .extracting(ConsumerRecord::value)
                .containsExactly("acknowledged before the crash");
    }

    @Test
    void postgresKeepsCommittedRowsThroughACrash() throws Exception {
        LocalPostgres postgres = infra.postgres();
        try (Connection connection = Clients.postgres(postgres);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE crash_kept (id int)");
            statement.execute("INSERT INTO crash_kept VALUES (7)");
        }
        int port = postgres.port();

        postgres.kill();
        assertThat(FreePorts.isListening(port)).isFalse();
        postgres.start();

        try (Connection connection = Clients.postgres(postgres);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id FROM crash_kept")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void serversIgnoreCtrlCMeantForTheirCaller() throws Exception {
        for (LocalServer server : infra.infra().servers()) {
            // The kernel discards a signal whose disposition is "ignore" when it is sent: none is left pending to
            // act later, so the checks below need no wait.
            assertThat(ignoredSignals(server.pid()) & SIGINT_BIT)
                    .as("%s ignores SIGINT", server.server())
                    .isNotZero();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(server.pid()))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor()).isZero();
        }
        assertThat(infra.infra().servers()).allMatch(LocalServer::isRunning, "running");
        assertThat(Clients.produce(infra.kafka(), "it-after-sigint", "k", "v").offset())
                .isZero();
    }

    private static final long SIGINT_BIT = 1L << (2 - 1);

    /** The process's mask of ignored signals (SigIgn in /proc/PID/status, Linux); bit n-1 is signal n. */
    private static long ignoredSignals(long pid) throws Exception {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        Assumptions.assumeTrue(Files.exists(status), "no /proc on this system");
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(
                        line.substring("SigIgn:".length()).trim(), 16))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void environmentPointsServicesAtTheServers() {
        assertThat(infra.infra().environment())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers())
                .containsEntry("S3_ENDPOINT", infra.s3().endpoint())
                .containsEntry("AWS_ACCESS_KEY_ID", "local-access-key")
                .containsEntry("POSTGRES_URL", infra.postgres().jdbcUrl())
                .containsEntry("POSTGRES_USER", "pins");
        assertThat(infra.infra().describe())
                .contains(
                        infra.kafka().bootstrapServers(),
                        infra.s3().endpoint(),
                        infra.postgres().jdbcUrl());
    }

    @Test
    void eachServerWritesItsOwnLog() throws Exception {
        for (LocalServer server : infra.infra().servers()) {
            assertThat(Files.readString(server.logFile())).contains("local-infra: server ready");
        }
    }
}
