package dev.pinpipeline.batch.job;

import org.apache.spark.sql.SparkSession;

import dev.pinpipeline.cleaning.PinCleaning;

/** The tests' Spark: one small local session per test JVM (Spark stops it at exit), with the job's cleaning settings. */
public final class LocalSpark {

    private LocalSpark() {
    }

    public static SparkSession session() {
        return builder().getOrCreate();
    }

    public static SparkSession.Builder builder() {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("spark-batch-tests")
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC");
        PinCleaning.SPARK_SETTINGS.forEach(builder::config);
        return builder;
    }
}
