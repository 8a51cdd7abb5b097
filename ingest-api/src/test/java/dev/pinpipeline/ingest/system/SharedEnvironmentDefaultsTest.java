package dev.pinpipeline.ingest.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class SharedEnvironmentDefaultsTest {

    @Test
    void anUnsetSharedVariableHasPinEventsDefault() {
        MockEnvironment environment = new MockEnvironment();

        new SharedEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.resolvePlaceholders("${PINS_TOPIC}")).isEqualTo("PinterestTopic");
        assertThat(environment.resolvePlaceholders("${KAFKA_BOOTSTRAP_SERVERS}"))
                .isEqualTo("localhost:9092");
        assertThat(environment.resolvePlaceholders("${PINS_TOPIC_PARTITIONS}")).isEqualTo("2");
        assertThat(environment.resolvePlaceholders("[${INGEST_API_KEY}]")).isEqualTo("[]");
    }

    @Test
    void aSetVariableWinsOverTheDefault() {
        MockEnvironment environment = new MockEnvironment().withProperty("PINS_TOPIC", "pins");

        new SharedEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.resolvePlaceholders("${PINS_TOPIC}")).isEqualTo("pins");
    }
}
