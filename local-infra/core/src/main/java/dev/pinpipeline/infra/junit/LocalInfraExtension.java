package dev.pinpipeline.infra.junit;

import dev.pinpipeline.infra.LocalInfra;
import dev.pinpipeline.infra.LocalKafka;
import dev.pinpipeline.infra.LocalPostgres;
import dev.pinpipeline.infra.LocalS3;
import dev.pinpipeline.infra.LocalServer;
import dev.pinpipeline.infra.Server;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Local servers for integration tests, shared by every test class of the test JVM:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA, Server.S3);
 * ... infra.kafka().bootstrapServers() ...
 * }</pre>
 *
 * The servers listed in {@link #with} are started before the class's tests (and started again if an earlier
 * class left one stopped). Accessors start their server on first use, so they are safe in Spring's
 * {@code @DynamicPropertySource} suppliers.
 *
 * <p>The servers stop right after the test JVM has exited, so they are still there while Spring closes its
 * cached application contexts at shutdown (Kafka consumers leave their groups cleanly). Data lives in a
 * temporary directory deleted by the servers as they stop, or in {@code -Dlocal-infra.dataDir=...}, kept;
 * each server's log is in its {@code logs/} directory.
 */
public final class LocalInfraExtension implements BeforeAllCallback {

    private final List<Server> servers;

    private LocalInfraExtension(List<Server> servers) {
        this.servers = servers;
    }

    /** The servers the test class needs before its first test. */
    public static LocalInfraExtension with(Server... servers) {
        return new LocalInfraExtension(List.of(servers));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalInfra infra = SharedInfra.get();
        for (Server server : servers) {
            infra.server(server).start();
        }
    }

    public LocalKafka kafka() {
        return started(SharedInfra.get().kafka());
    }

    public LocalS3 s3() {
        return started(SharedInfra.get().s3());
    }

    public LocalPostgres postgres() {
        return started(SharedInfra.get().postgres());
    }

    /** The shared instance itself, for {@link LocalInfra#environment()} or {@link LocalInfra#describe()}. */
    public LocalInfra infra() {
        LocalInfra infra = SharedInfra.get();
        servers.forEach(server -> infra.server(server).startOnce());
        return infra;
    }

    private static <T extends LocalServer> T started(T server) {
        server.startOnce();
        return server;
    }

    /**
     * One LocalInfra per test JVM (per class loader), created on first use. It is not closed by a shutdown
     * hook, which would run at the same time as Spring's: each server stops when it sees this JVM gone.
     */
    private static final class SharedInfra {

        private static final LocalInfra INSTANCE = create();

        static LocalInfra get() {
            return INSTANCE;
        }

        private static LocalInfra create() {
            LocalInfra.Builder builder = LocalInfra.builder().kafka().s3().postgres();
            String dataDir = System.getProperty("local-infra.dataDir");
            if (dataDir != null && !dataDir.isBlank()) {
                builder.dataDir(Path.of(dataDir));
            }
            return builder.build();
        }
    }
}
