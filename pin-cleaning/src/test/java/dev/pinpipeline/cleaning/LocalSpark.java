package dev.pinpipeline.cleaning;

import org.apache.spark.sql.SparkSession;

/** One small local SparkSession per test class: local[1], one shuffle partition, no UI. */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkSession start() {
        return SparkSession.builder()
                .master("local[1]")
                .appName("pin-cleaning-test")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}
