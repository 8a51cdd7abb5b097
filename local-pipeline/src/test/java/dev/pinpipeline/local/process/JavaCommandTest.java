package dev.pinpipeline.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaCommandTest {

    @Test
    void sparkJavaOptionsAreTheBuildsFilteredIn() {
        assertThat(JavaCommand.SPARK_JAVA_OPTIONS)
                .hasSizeGreaterThan(10)
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
                .noneMatch(option -> option.contains("${"));
    }
}
