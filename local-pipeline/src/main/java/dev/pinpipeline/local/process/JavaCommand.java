package dev.pinpipeline.local.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds a {@code java …} command line with the same JDK that runs this launcher. */
public final class JavaCommand {

    /**
     * What Spark needs on Java 17, as spark-submit adds it: the root pom's {@code spark.java.options}, which the build
     * writes into this module's {@code spark-java-options.txt}.
     */
    public static final List<String> SPARK_JAVA_OPTIONS = sparkJavaOptions();

    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> target = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();

    private static List<String> sparkJavaOptions() {
        try (InputStream in = JavaCommand.class.getResourceAsStream("/spark-java-options.txt")) {
            if (in == null) {
                throw new IllegalStateException("spark-java-options.txt is missing from the launcher's class path");
            }
            return List.of(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read spark-java-options.txt", e);
        }
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public JavaCommand maxHeap(String size) {
        jvmOptions.add("-Xmx" + size);
        return this;
    }

    public JavaCommand jvmOptions(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public JavaCommand jvmOptions(String... options) {
        return jvmOptions(Arrays.asList(options));
    }

    public JavaCommand jar(Path jar) {
        target.clear();
        target.addAll(List.of("-jar", jar.toString()));
        return this;
    }

    public JavaCommand mainClass(String classpath, String mainClass) {
        target.clear();
        target.addAll(List.of("-cp", classpath, mainClass));
        return this;
    }

    public JavaCommand arguments(List<String> args) {
        arguments.addAll(args);
        return this;
    }

    public JavaCommand arguments(String... args) {
        return arguments(Arrays.asList(args));
    }

    public List<String> toList() {
        if (target.isEmpty()) {
            throw new IllegalStateException("No jar or main class");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.addAll(target);
        command.addAll(arguments);
        return command;
    }
}
