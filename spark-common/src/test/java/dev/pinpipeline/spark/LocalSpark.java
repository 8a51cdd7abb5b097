package dev.pinpipeline.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark, shared by the Spark modules through this module's test-jar: one small local session per test
 * JVM (Spark stops it at exit, or a test class that stops it gets a new one next time), in UTC, no UI, on loopback.
 */
public final class LocalSpark {

    private LocalSpark() {}

    public static SparkSession session() {
        return session(Map.of());
    }

    /** The session with {@code settings} on top, e.g. the job's {@code PinCleaning.SPARK_SETTINGS}. */
    public static SparkSession session(Map<String, String> settings) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("spark-tests")
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC");
        settings.forEach(builder::config);
        return builder.getOrCreate();
    }
}
