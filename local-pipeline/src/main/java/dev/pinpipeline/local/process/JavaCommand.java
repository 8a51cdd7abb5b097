package dev.pinpipeline.local.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds a {@code java …} command line with the same JDK that runs this launcher. */
public final class JavaCommand {

    /**
     * What Spark needs on Java 17: a copy of {@code spark.java.options} in parents/spark-job-parent/pom.xml
     * (spark-launcher's JavaModuleOptions). Keep the two in step.
     */
    public static final List<String> SPARK_JAVA_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> target = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();

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
