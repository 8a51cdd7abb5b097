package dev.pinpipeline.local;

import dev.pinpipeline.cli.HelpConvention;
import dev.pinpipeline.local.archive.ArchiveCommand;
import dev.pinpipeline.local.batch.BatchCommand;
import dev.pinpipeline.local.run.RunCommand;
import dev.pinpipeline.local.sql.SqlCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./pipeline [run|batch|archive|sql] [options]}: the whole pipeline on this machine.
 * Without a subcommand it runs {@code run}.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        version = "pipeline " + ProjectLayout.VERSION,
        subcommands = {
            RunCommand.class,
            BatchCommand.class,
            ArchiveCommand.class,
            SqlCommand.class,
            CommandLine.HelpCommand.class
        },
        description = "The Pinterest data pipeline on this machine, on real local servers.")
public final class PipelineCommand {

    @Mixin
    HelpConvention helpConvention;

    private static final Set<String> TOP_LEVEL =
            Set.of("run", "batch", "archive", "sql", "help", "-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new PipelineCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("pipeline: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        System.exit(commandLine.execute(withDefaultSubcommand(args)));
    }

    /** `./pipeline` and `./pipeline --fresh` mean `./pipeline run …`. */
    static String[] withDefaultSubcommand(String[] args) {
        if (args.length > 0 && TOP_LEVEL.contains(args[0])) {
            return args;
        }
        List<String> withRun = new ArrayList<>(List.of("run"));
        withRun.addAll(List.of(args));
        return withRun.toArray(String[]::new);
    }
}
