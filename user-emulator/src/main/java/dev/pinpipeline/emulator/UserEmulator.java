package dev.pinpipeline.emulator;

import dev.pinpipeline.cli.DurationConverter;
import dev.pinpipeline.cli.HelpConvention;
import dev.pinpipeline.emulator.delivery.IngestClient;
import dev.pinpipeline.emulator.delivery.PinSender;
import dev.pinpipeline.emulator.run.Console;
import dev.pinpipeline.emulator.run.Emulation;
import dev.pinpipeline.emulator.run.ProgressReporter;
import dev.pinpipeline.emulator.run.RunSettings;
import dev.pinpipeline.emulator.run.RunStats;
import dev.pinpipeline.emulator.source.PinFileException;
import dev.pinpipeline.emulator.source.PinFiles;
import dev.pinpipeline.emulator.source.PinGenerator;
import dev.pinpipeline.emulator.source.PinSource;
import dev.pinpipeline.emulator.source.ShuffledReplay;
import dev.pinpipeline.events.SharedEnvironment;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Posts pins to ingest-api like the original Pinterest user emulator, until stopped.
 *
 * <pre>
 * java -jar user-emulator/target/user-emulator-0.1.0-SNAPSHOT.jar --rate 500 --duration 1m --seed 42
 * </pre>
 */
@Command(
        name = "user-emulator",
        mixinStandardHelpOptions = true,
        versionProvider = UserEmulator.Version.class,
        description = {
            "Posts pins to ingest-api like the original Pinterest user emulator: the real sample shipped with it"
                    + " (replayed in random order from --seed), a JSON-lines file, or generated pins with the real"
                    + " data's quirks. It runs until stopped (Ctrl-C) unless --count or --duration is given.",
            "Transient failures (503, 429, 5xx, connection errors, timeouts) are retried with backoff, honouring"
                    + " Retry-After, so no pin is lost while the API or Kafka is down; a 4xx is a rejection: counted,"
                    + " not retried. A progress line goes to stderr, a summary at the end.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  user-emulator                                  # 10 real pins/s until Ctrl-C",
            "  user-emulator --rate 0 --count 100000 -c 64    # as fast as the API answers",
            "  user-emulator -r 20000 -b 500 -d 1m -u http://ingest:8080   # bulk, /pins",
            "  user-emulator --generate --seed 7 --count 5000 # the same 5 000 pins each time",
            "  user-emulator --data my-pins.jsonl --rate 50",
            "",
            "Exit codes: 0 every pin sent was accepted or rejected; 1 pins were lost (gave",
            "up retrying, or stopped with pins in flight); 2 invalid options or data;",
            "3 stopped by an answer no retry can fix (401, 403, 404, 405)."
        })
public final class UserEmulator implements Callable<Integer> {

    static final int LOST = 1;
    static final int INVALID = 2;
    static final int FATAL = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpConvention helpConvention;

    static final class Data {
        @Option(
                names = "--data",
                paramLabel = "FILE",
                description = "Replay this JSON-lines file (one pin per line) instead of the real sample.")
        Path file;

        @Option(
                names = "--generate",
                description = "Generate pins with the real sample's quirks at its frequencies instead.")
        boolean generate;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Data data = new Data();

    @Option(
            names = {"-u", "--url"},
            paramLabel = "URL",
            defaultValue = "${env:INGEST_URL:-http://localhost:8080}",
            description = "Base URL of ingest-api (env INGEST_URL).")
    URI url;

    @Option(
            names = {"-k", "--api-key"},
            paramLabel = "KEY",
            defaultValue = "${env:" + SharedEnvironment.INGEST_API_KEY + "}",
            showDefaultValue = Visibility.NEVER,
            description = "API key, sent in the " + IngestClient.API_KEY_HEADER + " header (env "
                    + SharedEnvironment.INGEST_API_KEY + ").")
    String apiKey;

    @Option(
            names = {"-r", "--rate"},
            paramLabel = "PINS_PER_S",
            defaultValue = "10",
            description = "Pins per second; 0 = as fast as the API answers.")
    double rate;

    static final class Limit {
        @Option(
                names = {"-n", "--count"},
                paramLabel = "N",
                description = "Stop after sending N pins.")
        Long count;

        @Option(
                names = {"-d", "--duration"},
                paramLabel = "DURATION",
                converter = DurationConverter.class,
                description = "Stop after this long (30s, 5m, 1h30m, PT30S).")
        Duration duration;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Limit limit = new Limit();

    @Option(
            names = {"-c", "--concurrency"},
            paramLabel = "N",
            defaultValue = "16",
            description = "Requests in flight at most (waiting retries included).")
    int concurrency;

    @Option(
            names = {"-b", "--bulk-size"},
            paramLabel = "N",
            defaultValue = "1",
            description = "Pins per request: 1 posts each pin to /pin/, more posts JSON arrays to /pins.")
    int bulkSize;

    @Option(
            names = {"-s", "--seed"},
            paramLabel = "N",
            description = "Seed of the order (or of the generator): the same seed sends the same pins in the same"
                    + " order. Default: random, printed at the start.")
    Long seed;

    @Option(
            names = "--retry-for",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long a request is retried before its pins are given up (lost).")
    Duration retryFor;

    @Option(
            names = "--max-backoff",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Longest wait between two attempts (also caps Retry-After).")
    Duration maxBackoff;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Time allowed for one answer.")
    Duration timeout;

    @Option(
            names = "--drain-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "After Ctrl-C, how long pins in flight may still be delivered.")
    Duration drainTimeout;

    @Option(names = "--no-progress", description = "No live progress line (the summary is still printed).")
    boolean noProgress;

    public static void main(String[] args) {
        System.exit(commandLine(new UserEmulator()).execute(args));
    }

    /** The command with the project's error handling: a bad option prints one clear line and exits 2. */
    static CommandLine commandLine(UserEmulator emulator) {
        CommandLine commandLine = new CommandLine(emulator);
        commandLine.setParameterExceptionHandler((error, args) -> {
            PrintWriter err = error.getCommandLine().getErr();
            err.println("user-emulator: " + error.getMessage());
            err.println("Try 'user-emulator --help' for the options.");
            return INVALID;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter err = spec.commandLine().getErr();
        long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        PinSource source;
        try {
            source = source(runSeed);
        } catch (PinFileException e) {
            err.println("user-emulator: " + e.getMessage());
            return INVALID;
        }
        RunSettings settings = new RunSettings(
                rate, limit.count == null ? 0 : limit.count, limit.duration, concurrency, bulkSize, drainTimeout);
        IngestClient client = new IngestClient(url, apiKey, timeout);
        Console console = new Console(err, System.console() != null);
        AtomicReference<Emulation> emulation = new AtomicReference<>();
        RunStats stats = new RunStats(console, () -> emulation.get().stopOnFatal());

        try (PinSender sender =
                new PinSender(client, stats, new PinSender.Settings(settings.isBulk(), retryFor, maxBackoff))) {
            emulation.set(new Emulation(source, sender, stats, settings));
            console.event(header(source, runSeed, settings, client));

            AtomicInteger exitCode = new AtomicInteger();
            CountDownLatch finished = new CountDownLatch(1);
            Thread onCtrlC = new Thread(
                    () -> {
                        emulation.get().stop();
                        try {
                            finished.await(drainTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        Runtime.getRuntime()
                                .halt(exitCode.get() == 0 && finished.getCount() > 0 ? LOST : exitCode.get());
                    },
                    "ctrl-c");
            Runtime.getRuntime().addShutdownHook(onCtrlC);

            Emulation.Ending ending;
            try (ProgressReporter progress = new ProgressReporter(stats, console, !noProgress)) {
                ending = emulation.get().run();
                progress.close();
                err.print(progress.summary(ending.toString()));
                err.flush();
            }
            exitCode.set(
                    ending == Emulation.Ending.FATAL ? FATAL : stats.snapshot().lost() > 0 ? LOST : 0);
            finished.countDown();
            removeHook(onCtrlC);
            return exitCode.get();
        }
    }

    private void validate() {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw invalid("--rate must be 0 (no limit) or a positive number of pins per second, not " + rate);
        }
        if (limit.count != null && limit.count < 1) {
            throw invalid("--count must be at least 1, not " + limit.count);
        }
        if (limit.duration != null && (limit.duration.isNegative() || limit.duration.isZero())) {
            throw invalid("--duration must be positive");
        }
        if (concurrency < 1 || concurrency > 4_096) {
            throw invalid("--concurrency must be between 1 and 4096, not " + concurrency);
        }
        if (bulkSize < 1 || bulkSize > 100_000) {
            throw invalid("--bulk-size must be between 1 and 100000, not " + bulkSize);
        }
        if (retryFor.compareTo(Duration.ofMillis(500)) < 0) {
            throw invalid("--retry-for must be at least 500ms");
        }
        if (maxBackoff.compareTo(Duration.ofMillis(10)) < 0) {
            throw invalid("--max-backoff must be at least 10ms");
        }
        if (timeout.isNegative() || timeout.isZero() || drainTimeout.isNegative()) {
            throw invalid("--timeout must be positive and --drain-timeout not negative");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw invalid("--url must be an http(s) URL such as http://localhost:8080, not '" + url + "'");
        }
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private PinSource source(long runSeed) {
        if (data.generate) {
            return new PinGenerator(runSeed);
        }
        if (data.file != null) {
            return new ShuffledReplay(PinFiles.read(data.file), runSeed, data.file.toString());
        }
        return new ShuffledReplay(PinFiles.realSample(), runSeed, "real sample");
    }

    private static String header(PinSource source, long runSeed, RunSettings settings, IngestClient client) {
        String pace =
                settings.rate() > 0 ? String.format(Locale.ROOT, "%,.0f pins/s", settings.rate()) : "no rate limit";
        String until = settings.count() > 0
                ? String.format(Locale.ROOT, "%,d pins", settings.count())
                : settings.duration() != null
                        ? "after " + settings.duration().toString().substring(2).toLowerCase(Locale.ROOT)
                        : "stopped (Ctrl-C)";
        String target = settings.isBulk()
                ? client.bulkUri() + " in requests of " + settings.bulkSize() + " pins"
                : client.singleUri().toString();
        return String.format(
                Locale.ROOT,
                "user-emulator: %s, seed %d%n  to %s, %s, at most %d in flight," + " until %s",
                source.describe(),
                runSeed,
                target,
                pace,
                settings.concurrency(),
                until);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C arrived as the run ended: the hook halts with the exit code already set.
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = UserEmulator.class.getPackage().getImplementationVersion();
            return new String[] {"user-emulator " + (version == null ? "(development build)" : version)};
        }
    }
}
