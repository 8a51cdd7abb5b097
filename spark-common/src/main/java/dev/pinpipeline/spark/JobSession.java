package dev.pinpipeline.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * How both Spark jobs build their session. Spark's own configuration (spark-submit's {@code --conf},
 * {@code -Dspark.…}) always wins: the job's settings only fill in what it leaves unset. Without a master from either,
 * the job runs in local mode ({@code local[*]}), its driver bound to loopback.
 */
public final class JobSession {

    static final String LOCAL = "local[*]";
    private static final String MASTER = "spark.master";

    private final String appName;
    private String master;
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, String> localDefaults = new LinkedHashMap<>();

    private JobSession(String appName) {
        this.appName = appName;
    }

    public static JobSession named(String appName) {
        return new JobSession(appName);
    }

    /** A master chosen on the job's command line, which wins over Spark's configuration; null = none chosen. */
    public JobSession master(String master) {
        this.master = master;
        return this;
    }

    /** Settings the session gets unless Spark's configuration sets them. */
    public JobSession defaults(Map<String, String> settings) {
        defaults.putAll(settings);
        return this;
    }

    /** Settings the session gets in local mode only, unless Spark's configuration sets them. */
    public JobSession localDefaults(Map<String, String> settings) {
        localDefaults.putAll(settings);
        return this;
    }

    public SparkSession getOrCreate() {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        settings(new SparkConf()).forEach(builder::config);
        return builder.getOrCreate();
    }

    /** What the session is built with on top of {@code preset} (the configuration Spark was started with). */
    Map<String, String> settings(SparkConf preset) {
        Map<String, String> settings = new LinkedHashMap<>();
        String effectiveMaster = master != null ? master : preset.get(MASTER, LOCAL);
        if (master != null || !preset.contains(MASTER)) {
            settings.put(MASTER, effectiveMaster);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        if (effectiveMaster.startsWith("local")) {
            wanted.put("spark.driver.host", "127.0.0.1");
            wanted.put("spark.driver.bindAddress", "127.0.0.1");
            wanted.putAll(localDefaults);
        }
        wanted.putAll(defaults);
        wanted.forEach((key, value) -> {
            if (!preset.contains(key)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
