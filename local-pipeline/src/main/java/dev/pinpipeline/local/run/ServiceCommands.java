package dev.pinpipeline.local.run;

import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.process.JavaCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of each pipeline service and job in the local run, with its memory cap
 * (the whole stack stays under 4 GB).
 */
public final class ServiceCommands {

    public static final String STREAMING_MAIN = "dev.pinpipeline.streaming.StreamingJob";
    public static final String BATCH_MAIN = "dev.pinpipeline.batch.job.DailyBatchJob";

    private final ProjectLayout layout;
    private final Endpoints endpoints;
    private final Path dataDir;

    public ServiceCommands(ProjectLayout layout, Endpoints endpoints, Path dataDir) {
        this.layout = layout;
        this.endpoints = endpoints;
        this.dataDir = dataDir;
    }

    public List<String> ingestApi() {
        return new JavaCommand().maxHeap("384m").jar(layout.ingestApiJar()).toList();
    }

    public Map<String, String> ingestApiEnvironment(int port) {
        Map<String, String> env = new LinkedHashMap<>(endpoints.environment());
        env.put("SERVER_PORT", Integer.toString(port));
        return env;
    }

    /**
     * Small archive files, so the archive follows a slow local emulator closely: a file per 200 records or 5 s idle
     * (instead of 10 000 records or 60 s).
     */
    public List<String> batchConsumer() {
        return new JavaCommand()
                .maxHeap("384m")
                .jar(layout.batchConsumerJar())
                .arguments("--archive.flush-records=200", "--archive.idle-flush=5s")
                .toList();
    }

    public Map<String, String> batchConsumerEnvironment(int port) {
        Map<String, String> env = new LinkedHashMap<>(endpoints.environment());
        env.put("SERVER_PORT", Integer.toString(port));
        return env;
    }

    public List<String> streamingJob() {
        return sparkJob("spark-streaming", STREAMING_MAIN, "1g", List.of());
    }

    public Map<String, String> streamingEnvironment() {
        Map<String, String> env = sparkEnvironment("streaming");
        env.put(
                "STREAMING_CHECKPOINT",
                StreamingCheckpoint.of(dataDir, endpoints.topic()).toString());
        return env;
    }

    public List<String> dailyBatch(String date, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--date", date));
        args.addAll(extraArgs);
        return sparkJob("spark-batch", BATCH_MAIN, "1g", args);
    }

    public Map<String, String> batchEnvironment() {
        return sparkEnvironment("batch");
    }

    /** The emulator posting the real sample (shipped in its jar) to the local ingest-api. */
    public List<String> userEmulator(int ingestPort, List<String> emulatorArgs) {
        List<String> args = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + ingestPort, "--no-progress"));
        args.addAll(emulatorArgs);
        return new JavaCommand()
                .maxHeap("256m")
                .jar(layout.userEmulatorJar())
                .arguments(args)
                .toList();
    }

    /**
     * Spark's scratch space and address by environment (SPARK_LOCAL_DIRS, SPARK_LOCAL_IP) rather than by setting:
     * {@code spark.local.dir} makes Spark warn that a cluster manager would override it, and without
     * SPARK_LOCAL_IP it warns that the host name resolves to a loopback address.
     */
    private Map<String, String> sparkEnvironment(String scratch) {
        Map<String, String> env = new LinkedHashMap<>(endpoints.environment());
        env.put(
                "SPARK_LOCAL_DIRS",
                dataDir.resolve("spark").resolve(scratch).resolve("tmp").toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        return env;
    }

    private List<String> sparkJob(String module, String mainClass, String heap, List<String> args) {
        return new JavaCommand()
                .maxHeap(heap)
                .jvmOptions(JavaCommand.SPARK_JAVA_OPTIONS)
                .jvmOptions(
                        "-Dspark.master=local[2]",
                        "-Dspark.driver.host=127.0.0.1",
                        "-Dspark.driver.bindAddress=127.0.0.1",
                        "-Dspark.ui.enabled=false",
                        "-Dspark.sql.shuffle.partitions=2",
                        "-Dlog4j2.level=warn")
                .mainClass(layout.sparkLocalClasspath(module), mainClass)
                .arguments(args)
                .toList();
    }
}
