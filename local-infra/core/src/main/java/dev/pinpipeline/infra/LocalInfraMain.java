package dev.pinpipeline.infra;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Starts local servers and keeps them until Ctrl-C.
 *
 * <pre>
 * java -cp ... dev.pinpipeline.infra.LocalInfraMain [--data-dir DIR] [--servers kafka,s3,postgres]
 *     [--kafka-port 9092] [--s3-port 9000] [--postgres-port 5432] [--quick-start]
 * </pre>
 *
 * Without {@code --data-dir} the data is temporary; with it, data is kept between runs. Ports default to free ones.
 * Servers started here are meant to run a while (local runs, benchmarks), so they get the full JIT compiler;
 * {@code --quick-start} runs them with C1 only, which starts them in about half the time.
 */
public final class LocalInfraMain {

    private LocalInfraMain() {}

    public static void main(String[] args) throws InterruptedException {
        LocalInfra.Builder builder = LocalInfra.builder();
        boolean serversChosen = false;
        boolean quickStart = false;
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        try {
            while (!rest.isEmpty()) {
                String option = rest.pop();
                switch (option) {
                    case "--data-dir" -> builder.dataDir(Path.of(value(option, rest)));
                    case "--kafka-port" -> builder.kafkaPort(Integer.parseInt(value(option, rest)));
                    case "--s3-port" -> builder.s3Port(Integer.parseInt(value(option, rest)));
                    case "--postgres-port" -> builder.postgresPort(Integer.parseInt(value(option, rest)));
                    case "--quick-start" -> quickStart = true;
                    case "--servers" -> {
                        for (String name : value(option, rest).split(",")) {
                            builder.servers(Server.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                        }
                        serversChosen = true;
                    }
                    case "-h", "--help" -> {
                        usage();
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage();
            System.exit(1);
        }
        if (!serversChosen) {
            builder.kafka().s3().postgres();
        }
        builder.fullJit(!quickStart);

        LocalInfra infra = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping local servers...");
                            infra.close();
                            stopped.countDown();
                        },
                        "local-infra-shutdown"));
        System.out.println(infra.describe());
        System.out.println("Environment:");
        infra.environment().forEach((name, value) -> System.out.println("  export " + name + "=" + value));
        System.out.println("Running; Ctrl-C stops them.");
        stopped.await();
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.pop();
    }

    private static void usage() {
        System.err.println("usage: LocalInfraMain [--data-dir DIR] [--servers kafka,s3,postgres] "
                + "[--kafka-port N] [--s3-port N] [--postgres-port N] [--quick-start]");
    }
}
