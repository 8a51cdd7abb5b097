package dev.pinpipeline.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.infra.Server;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalInfraExtensionIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.KAFKA);

    @Test
    void serversNamedInWithRunBeforeTheFirstTest() {
        assertThat(infra.kafka().isRunning()).isTrue();
        assertThat(infra.kafka().bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void accessorStartsAServerOnFirstUse() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                infra.postgres().jdbcUrl(),
                infra.postgres().user(),
                infra.postgres().password())) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void aServerStoppedByATestStaysStoppedUntilTheTestStartsIt() {
        infra.kafka().stop();
        try {
            assertThat(infra.kafka().isRunning()).isFalse();
        } finally {
            infra.kafka().start();
        }
        assertThat(infra.kafka().isRunning()).isTrue();
    }
}
