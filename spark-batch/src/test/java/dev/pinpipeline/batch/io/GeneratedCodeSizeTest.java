package dev.pinpipeline.batch.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.spark.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.codegen.ByteCodeStats;
import org.apache.spark.sql.execution.debug.package$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The job's cleaning runs as compiled code. HotSpot interprets any method over 8 000 bytes of bytecode; the cleaning's
 * whole-stage method, fused with the archive reader's projections, is larger than that, so Spark must run that stage
 * as per-operator code instead, which {@link PinCleaning#SPARK_SETTINGS} (applied by the tests' session as by the
 * job) tells it to do.
 */
class GeneratedCodeSizeTest {

    /** HotSpot's HugeMethodLimit: larger methods are never compiled. */
    private static final int HOTSPOT_HUGE_METHOD_LIMIT = 8000;

    private static final String LINE = "{\"event_id\":\"0b9f5a4e-1111-4222-8333-444455556666\","
            + "\"ingested_at\":\"2026-11-26T13:45:50.123Z\",\"topic\":\"PinterestTopic\",\"partition\":0,\"offset\":0,"
            + "\"pin\":{\"index\":7528,\"unique_id\":\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\",\"title\":\" A \","
            + "\"follower_count\":\"12.5k\",\"tag_list\":\"a, b\",\"downloaded\":1,\"category\":\"Art\"}}";

    private final SparkSession spark = LocalSpark.session(PinCleaning.SPARK_SETTINGS);

    @Test
    void cleaningTheArchiveRunsNoWholeStageMethodTheJitWouldInterpret(@TempDir Path archive) throws IOException {
        Files.writeString(archive.resolve("PinterestTopic+0+00000000000000000000.jsonl"), LINE + "\n");
        Dataset<Row> raw = new RawEventReader(spark)
                .read(InputFormat.ARCHIVE, archive.toUri().toString(), LocalDate.parse("2026-11-26"));

        Dataset<Row> classified = PinCleaning.classify(raw);

        int sparkLimit = Integer.parseInt(spark.conf().get("spark.sql.codegen.hugeMethodLimit"));
        for (int size : wholeStageMethodSizes(classified)) {
            boolean jitCompilesIt = size <= HOTSPOT_HUGE_METHOD_LIMIT;
            boolean sparkRunsPerOperatorCodeInstead = size > sparkLimit;
            assertThat(jitCompilesIt || sparkRunsPerOperatorCodeInstead)
                    .as("a whole-stage method of %d bytes, spark.sql.codegen.hugeMethodLimit=%d", size, sparkLimit)
                    .isTrue();
        }
        assertThat(PinCleaning.cleaned(classified).count()).isEqualTo(1);
    }

    /** The largest method of each whole-stage-generated class of the plan, in bytes of bytecode. */
    private static List<Integer> wholeStageMethodSizes(Dataset<Row> rows) {
        List<Tuple3<String, String, ByteCodeStats>> stages = CollectionConverters.asJava(
                package$.MODULE$.codegenStringSeq(rows.queryExecution().executedPlan()));
        return stages.stream().map(stage -> stage._3().maxMethodCodeSize()).toList();
    }
}
