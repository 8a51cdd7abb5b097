package dev.pinpipeline.emulator;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process, as {@code java -jar} would, capturing what it prints. */
record EmulatorRun(int exitCode, String out, String err) {

    static EmulatorRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = UserEmulator.commandLine(new UserEmulator());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new EmulatorRun(exitCode, out.toString(), err.toString());
    }

    /** A figure of the summary, e.g. {@code summary("accepted")}. */
    long summary(String name) {
        String summary = err.substring(Math.max(0, err.lastIndexOf("user-emulator: ")));
        for (String line : summary.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(name + " ")) {
                return Long.parseLong(trimmed.substring(name.length())
                        .strip()
                        .split("\\s+")[0]
                        .replace(",", ""));
            }
        }
        throw new AssertionError("no '" + name + "' in the summary:\n" + err);
    }
}
