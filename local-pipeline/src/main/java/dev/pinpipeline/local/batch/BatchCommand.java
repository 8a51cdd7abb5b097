package dev.pinpipeline.local.batch;

import dev.pinpipeline.cli.HelpConvention;
import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.StackOptions;
import dev.pinpipeline.local.infra.S3Session;
import dev.pinpipeline.local.process.Watchdog;
import dev.pinpipeline.local.run.ServiceCommands;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./pipeline batch --date D}: the daily Spark batch over the local archive, printing its report. */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        description = "Run the daily batch job (DailyBatchJob, Spark local mode) for one day of the local archive "
                + "and print its report. Uses the S3Proxy of a running `./pipeline run`, or starts one.")
public final class BatchCommand implements Callable<Integer> {

    @Mixin
    HelpConvention helpConvention;

    @Mixin
    StackOptions stack;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            showDefaultValue = Visibility.NEVER,
            description = "The day (UTC) to process. Default: today.")
    LocalDate date = LocalDate.now(ZoneOffset.UTC);

    @Option(
            names = "--require-success",
            negatable = true,
            defaultValue = "false",
            showDefaultValue = Visibility.ALWAYS,
            description = "Insist on the day's _SUCCESS marker (written by batch-consumer once the day is over plus "
                    + "its grace). Off here, where you usually look at today, a day still in progress.")
    boolean requireSuccess;

    @Parameters(
            paramLabel = "JOB_ARG",
            showDefaultValue = Visibility.NEVER,
            description = "Further arguments for DailyBatchJob (after --), e.g. -- --output-format=json")
    List<String> jobArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        Path dataDir = stack.dataDir(layout);
        // The Spark job (and an S3Proxy started for it) must not outlive this command, even after a kill -9 of it.
        Watchdog.startFor(ProcessHandle.current());
        try (S3Session s3 = S3Session.open(dataDir, stack.s3Port, stack.bucket)) {
            ServiceCommands commands = new ServiceCommands(layout, s3.endpoints(), dataDir);
            List<String> args = new ArrayList<>();
            args.add(requireSuccess ? "--require-success" : "--no-require-success");
            if (s3.endpoints().postgresJdbcUrl() == null) {
                args.add("--no-postgres"); // no ./pipeline run up: the analytics go to the curated Parquet only
            }
            args.addAll(jobArgs);
            ProcessBuilder builder = new ProcessBuilder(commands.dailyBatch(date.toString(), args))
                    .directory(layout.root().toFile())
                    .inheritIO();
            builder.environment().putAll(commands.batchEnvironment());
            System.err.println("Running DailyBatchJob --date " + date + " on "
                    + s3.endpoints().s3Endpoint() + " (s3a://" + s3.endpoints().bucket() + "/raw/…)");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            return process.waitFor();
        }
    }
}
