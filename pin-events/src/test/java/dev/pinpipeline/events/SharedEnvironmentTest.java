package dev.pinpipeline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults of docs/operations.md, Settings. */
class SharedEnvironmentTest {

    @Test
    void statesTheDefaultOfEachSharedVariable() {
        assertThat(SharedEnvironment.defaults())
                .containsExactly(
                        Map.entry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                        Map.entry("PINS_TOPIC", "PinterestTopic"),
                        Map.entry("PINS_TOPIC_PARTITIONS", "2"),
                        Map.entry("S3_ENDPOINT", ""),
                        Map.entry("S3_BUCKET", "pinterestdata"),
                        Map.entry("AWS_REGION", "us-east-1"),
                        Map.entry("AWS_ACCESS_KEY_ID", ""),
                        Map.entry("AWS_SECRET_ACCESS_KEY", ""),
                        Map.entry("POSTGRES_URL", "jdbc:postgresql://localhost:5432/pins"),
                        Map.entry("POSTGRES_USER", "pins"),
                        Map.entry("POSTGRES_PASSWORD", "pins"),
                        Map.entry("INGEST_API_KEY", ""));
    }

    @Test
    void aVariableThatIsUnsetOrBlankHasItsDefaultAndAnotherIsTrimmed() {
        Map<String, String> env = Map.of("PINS_TOPIC", " pins ", "S3_BUCKET", "  ");

        assertThat(SharedEnvironment.valueOf(env, SharedEnvironment.PINS_TOPIC)).isEqualTo("pins");
        assertThat(SharedEnvironment.valueOf(env, SharedEnvironment.S3_BUCKET)).isEqualTo("pinterestdata");
        assertThat(SharedEnvironment.valueOf(env, SharedEnvironment.POSTGRES_URL))
                .isEqualTo("jdbc:postgresql://localhost:5432/pins");
    }

    @Test
    void aVariableThatIsNotSharedIsRefused() {
        assertThatThrownBy(() -> SharedEnvironment.valueOf(Map.of(), "HOME"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
