package dev.pinpipeline.local.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    static final String EXPOSITION = """
            # HELP pins_accepted_total Pins acknowledged by Kafka
            # TYPE pins_accepted_total counter
            pins_accepted_total{application="ingest-api",endpoint="pin"} 1077.0
            pins_accepted_total{application="ingest-api",endpoint="pins"} 23.0
            pins_rejected_total{reason="not-json"} 2.0
            jvm_threads_live_threads 31.0
            """;

    @Test
    void sumsEverySampleOfTheMetric() {
        assertThat(PrometheusText.sum(EXPOSITION, "pins_accepted_total", labels -> true))
                .isEqualTo(1100.0);
    }

    @Test
    void keepsOnlySamplesWhoseLabelsMatch() {
        assertThat(PrometheusText.sum(EXPOSITION, "pins_accepted_total", l -> "pin".equals(l.get("endpoint"))))
                .isEqualTo(1077.0);
    }

    @Test
    void readsSamplesWithoutLabels() {
        assertThat(PrometheusText.sum(EXPOSITION, "jvm_threads_live_threads", labels -> true))
                .isEqualTo(31.0);
    }

    @Test
    void aMissingMetricIsMinusOne() {
        assertThat(PrometheusText.sum(EXPOSITION, "pins_accepted", labels -> true))
                .isEqualTo(-1.0);
    }
}
