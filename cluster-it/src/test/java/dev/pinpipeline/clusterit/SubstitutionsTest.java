package dev.pinpipeline.clusterit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionsTest {

    @Test
    void replacesWholeHostNamesAndPortsOnly() {
        SparkService.Substitutions substitutions =
                new SparkService.Substitutions(Map.of("spark-master", "127.0.0.2", "7077", "41000"));

        assertThat(substitutions.apply("spark://spark-master:7077 spark-master-2:17077 /dev/tcp/spark-master/7077"))
                .isEqualTo("spark://127.0.0.2:41000 spark-master-2:17077 /dev/tcp/127.0.0.2/41000");
    }
}
