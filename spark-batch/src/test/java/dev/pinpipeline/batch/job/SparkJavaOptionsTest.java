package dev.pinpipeline.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The project's {@code spark.java.options} (root pom.xml), which the tests, the local launcher and the documented
 * {@code java} command lines run Spark with, are the options spark-submit itself adds for this Spark version.
 */
class SparkJavaOptionsTest {

    @Test
    void projectRunsSparkWithTheJavaOptionsOfSparkSubmit() {
        String projectOptions = System.getProperty("spark.java.options", "");

        assertThat(projectOptions.trim().split("\\s+")).containsExactly(JavaModuleOptions.defaultModuleOptionArray());
    }
}
