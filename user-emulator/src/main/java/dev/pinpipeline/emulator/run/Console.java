package dev.pinpipeline.emulator.run;

import java.io.PrintWriter;

/**
 * The operator's view, on stderr: one live progress line (redrawn in place on a terminal, printed as a plain
 * line otherwise) and event lines printed above it.
 */
public final class Console {

    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintWriter out;
    private final boolean terminal;
    private String liveLine;

    public Console(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    public synchronized void progress(String line) {
        if (terminal) {
            out.print(CLEAR_LINE + line);
            liveLine = line;
        } else {
            out.println(line);
        }
        out.flush();
    }

    public synchronized void event(String line) {
        if (terminal && liveLine != null) {
            out.print(CLEAR_LINE);
            out.println(line);
            out.print(liveLine);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the live line so that what follows starts on a fresh line. */
    public synchronized void endProgress() {
        if (terminal && liveLine != null) {
            out.println();
            liveLine = null;
        }
        out.flush();
    }
}
