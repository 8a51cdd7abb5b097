package dev.pinpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsTest {

    static final Endpoints LOCAL = new Endpoints(
            "127.0.0.1:9092",
            "PinterestTopic",
            "http://127.0.0.1:9000",
            "local-access-key",
            "local-secret-key",
            "us-east-1",
            "pinterestdata",
            "jdbc:postgresql://127.0.0.1:5432/pins",
            "pins",
            "pins");

    @Test
    void psqlCommandConnectsToTheSameDatabaseAsTheServices() {
        assertThat(LOCAL.psqlCommand()).isEqualTo("psql postgresql://pins:pins@127.0.0.1:5432/pins");
    }

    @Test
    void environmentHoldsTheSharedVariables() {
        assertThat(LOCAL.environment())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("PINS_TOPIC", "PinterestTopic")
                .containsEntry("S3_ENDPOINT", "http://127.0.0.1:9000")
                .containsEntry("S3_BUCKET", "pinterestdata")
                .containsEntry("AWS_ACCESS_KEY_ID", "local-access-key")
                .containsEntry("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/pins")
                .hasSize(10);
    }

    @Test
    void theEndpointsFileReadsBackWhatRunWrote(@TempDir Path dataDir) {
        EndpointsFile.write(dataDir, LOCAL);

        assertThat(EndpointsFile.read(dataDir)).contains(LOCAL);
    }

    @Test
    void withoutARunThereIsNoEndpointsFile(@TempDir Path dataDir) {
        assertThat(EndpointsFile.read(dataDir)).isEmpty();
    }
}
