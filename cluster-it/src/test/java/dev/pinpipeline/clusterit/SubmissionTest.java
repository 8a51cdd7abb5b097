package dev.pinpipeline.clusterit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionTest {

    @Test
    void readsASparkSubmitCommandLineAndWritesItBackInClientMode() {
        Submission submission = Submission.parse(List.of(
                "--class",
                "dev.Job",
                "--master",
                "spark://m:7077",
                "--conf",
                "spark.cores.max=2",
                "--executor-memory",
                "1g",
                "/opt/job.jar",
                "--date",
                "2026-11-20"));

        assertThat(submission)
                .isEqualTo(new Submission(
                        "spark://m:7077",
                        null,
                        null,
                        "dev.Job",
                        Map.of("spark.cores.max", "2", "spark.executor.memory", "1g"),
                        "/opt/job.jar",
                        List.of("--date", "2026-11-20")));
        assertThat(submission.withMaster("spark://127.0.0.1:1").sparkSubmitArguments())
                .containsExactly(
                        "--master",
                        "spark://127.0.0.1:1",
                        "--deploy-mode",
                        "client",
                        "--class",
                        "dev.Job",
                        "--conf",
                        "spark.cores.max=2",
                        "--conf",
                        "spark.executor.memory=1g",
                        "/opt/job.jar",
                        "--date",
                        "2026-11-20");
        assertThat(submission.driverHeap()).isEqualTo("1g");
    }

    @Test
    void refusesAnOptionItWouldOtherwiseDropSilently() {
        assertThatThrownBy(() -> Submission.parse(List.of("--packages", "a:b:1", "/opt/job.jar")))
                .hasMessageContaining("--packages");
    }
}
