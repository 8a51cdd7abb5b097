package dev.pinpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DAG's date logic (airflow/dags/pin_batch_days.py: the day param, the last complete day of a manual run, the
 * sensor's bounded wait) is plain Python: its unittest suite (airflow/tests) runs here with python3, without Airflow.
 * Skipped, saying so, where python3 is missing.
 */
class AirflowDateLogicTest {

    @Test
    @Timeout(60)
    void theDagsDateLogicPassesItsPythonUnitTests() throws Exception {
        assumeTrue(python3(), "python3 is not installed: airflow/tests (the DAG's date logic) did not run");

        Process process = new ProcessBuilder("python3", "-B", "-m", "unittest", "discover", "-s", "airflow/tests", "-v")
                .directory(Compose.ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("Ran (1\\d|[2-9]\\d) tests").contains("\nOK");
    }

    static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
