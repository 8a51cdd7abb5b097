package dev.pinpipeline.infra;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A caller JVM for {@link CrashedCallerIT}. {@code InfraHolderMain <data dir>} starts the three servers in the
 * data dir and writes one record, object and row; {@code InfraHolderMain --temporary} starts S3Proxy alone in a
 * temporary data dir. Then it prints each server's pid and port and the data dir, and waits to be killed.
 */
public final class InfraHolderMain {

    private InfraHolderMain() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--temporary")) {
            hold(LocalInfra.builder().s3().start());
        }
        LocalInfra infra = LocalInfra.builder()
                .dataDir(Path.of(args[0]))
                .kafka()
                .s3()
                .postgres()
                .start();
        Clients.produce(infra.kafka(), "it-crash", "k", "survives a crash");
        try (S3Client s3 = Clients.s3(infra.s3())) {
            s3.createBucket(b -> b.bucket("it-crash"));
            s3.putObject(b -> b.bucket("it-crash").key("kept"), RequestBody.fromString("survives a crash"));
        }
        try (Connection connection = Clients.postgres(infra.postgres());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE crash_check (note text)");
            statement.execute("INSERT INTO crash_check VALUES ('survives a crash')");
        }
        hold(infra);
    }

    private static void hold(LocalInfra infra) throws InterruptedException {
        for (LocalServer server : infra.servers()) {
            System.out.println("SERVER " + server.server() + " " + server.pid() + " " + server.port());
        }
        System.out.println("DATA " + infra.dataDir());
        System.out.println("HOLDING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
