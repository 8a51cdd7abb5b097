package dev.pinpipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class JobSessionTest {

    private static final Map<String, String> DEFAULTS = Map.of("spark.sql.session.timeZone", "UTC");
    private static final Map<String, String> LOCAL_DEFAULTS = Map.of("spark.ui.enabled", "false");

    private final JobSession session =
            JobSession.named("test").defaults(DEFAULTS).localDefaults(LOCAL_DEFAULTS);

    @Test
    void withoutAMasterTheJobRunsLocallyOnLoopbackWithItsDefaults() {
        assertThat(session.settings(new SparkConf(false)))
                .containsExactly(
                        Map.entry("spark.master", "local[*]"),
                        Map.entry("spark.driver.host", "127.0.0.1"),
                        Map.entry("spark.driver.bindAddress", "127.0.0.1"),
                        Map.entry("spark.ui.enabled", "false"),
                        Map.entry("spark.sql.session.timeZone", "UTC"));
    }

    @Test
    void sparkSubmitsMasterAndSettingsWinOverTheJobsDefaults() {
        SparkConf submitted = new SparkConf(false)
                .set("spark.master", "spark://spark-master:7077")
                .set("spark.sql.session.timeZone", "Europe/Paris");

        assertThat(session.settings(submitted)).isEmpty();
    }

    @Test
    void aClusterMasterGetsTheDefaultsButNotTheLocalOnes() {
        SparkConf submitted = new SparkConf(false).set("spark.master", "spark://spark-master:7077");

        assertThat(session.settings(submitted)).containsExactly(Map.entry("spark.sql.session.timeZone", "UTC"));
    }

    @Test
    void aMasterFromTheCommandLineWinsOverSparkSubmits() {
        SparkConf submitted = new SparkConf(false)
                .set("spark.master", "spark://spark-master:7077")
                .set("spark.driver.host", "spark-batch");

        assertThat(session.master("local[2]").settings(submitted))
                .containsExactly(
                        Map.entry("spark.master", "local[2]"),
                        Map.entry("spark.driver.bindAddress", "127.0.0.1"),
                        Map.entry("spark.ui.enabled", "false"),
                        Map.entry("spark.sql.session.timeZone", "UTC"));
    }
}
