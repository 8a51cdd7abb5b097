package dev.pinpipeline.clusterit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What one {@code spark-submit} runs: master, class, name, {@code --conf}s, the application jar and its
 * arguments. Read from a spark-submit command line (docker-compose.yml) or built from the DAG's operator.
 */
record Submission(
        String master,
        String deployMode,
        String name,
        String mainClass,
        Map<String, String> conf,
        String application,
        List<String> applicationArguments) {

    Submission {
        conf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        applicationArguments = List.copyOf(applicationArguments);
    }

    /**
     * Parses spark-submit's arguments (without the spark-submit executable): options, then the application jar,
     * then the application's arguments. Every option used here takes a value; others are refused.
     */
    static Submission parse(List<String> arguments) {
        String master = null;
        String deployMode = null;
        String name = null;
        String mainClass = null;
        Map<String, String> conf = new LinkedHashMap<>();
        int i = 0;
        for (; i < arguments.size() && arguments.get(i).startsWith("--"); i += 2) {
            String option = arguments.get(i);
            if (i + 1 >= arguments.size()) {
                throw new IllegalArgumentException(option + " has no value in " + arguments);
            }
            String value = arguments.get(i + 1);
            switch (option) {
                case "--master" -> master = value;
                case "--deploy-mode" -> deployMode = value;
                case "--name" -> name = value;
                case "--class" -> mainClass = value;
                case "--conf" -> {
                    String[] pair = value.split("=", 2);
                    conf.put(pair[0], pair.length == 2 ? pair[1] : "");
                }
                // spark-submit's shorthands for settings (SparkSubmitArguments): kept as the settings they are
                case "--driver-memory" -> conf.put("spark.driver.memory", value);
                case "--executor-memory" -> conf.put("spark.executor.memory", value);
                case "--executor-cores" -> conf.put("spark.executor.cores", value);
                case "--total-executor-cores" -> conf.put("spark.cores.max", value);
                default ->
                    throw new IllegalArgumentException(
                            "spark-submit option " + option + " is not read here: " + arguments);
            }
        }
        if (i >= arguments.size()) {
            throw new IllegalArgumentException("no application jar in " + arguments);
        }
        return new Submission(
                master,
                deployMode,
                name,
                mainClass,
                conf,
                arguments.get(i),
                arguments.subList(i + 1, arguments.size()));
    }

    Submission withMaster(String newMaster) {
        return new Submission(newMaster, deployMode, name, mainClass, conf, application, applicationArguments);
    }

    Submission withApplication(String jar) {
        return new Submission(master, deployMode, name, mainClass, conf, jar, applicationArguments);
    }

    Submission withConf(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(conf);
        changed.put(key, value);
        return new Submission(master, deployMode, name, mainClass, changed, application, applicationArguments);
    }

    /** Applies {@code change} to the name and every application argument (e.g. a template rendered). */
    Submission withArguments(UnaryOperator<String> change) {
        return new Submission(
                master,
                deployMode,
                name == null ? null : change.apply(name),
                mainClass,
                conf,
                application,
                applicationArguments.stream().map(change).toList());
    }

    /** The arguments of {@code org.apache.spark.deploy.SparkSubmit}, in client mode unless a deploy mode is set. */
    List<String> sparkSubmitArguments() {
        List<String> arguments = new ArrayList<>(
                List.of("--master", master, "--deploy-mode", deployMode == null ? "client" : deployMode));
        if (name != null) {
            arguments.addAll(List.of("--name", name));
        }
        arguments.addAll(List.of("--class", mainClass));
        conf.forEach((key, value) -> arguments.addAll(List.of("--conf", key + "=" + value)));
        arguments.add(application);
        arguments.addAll(applicationArguments);
        return arguments;
    }

    /**
     * The driver's heap: in client mode spark-submit's launcher starts the driver JVM with
     * {@code -Xmx<spark.driver.memory>} (1g by default); this test starts that JVM itself, so it does the same.
     */
    String driverHeap() {
        return conf.getOrDefault("spark.driver.memory", "1g");
    }
}
