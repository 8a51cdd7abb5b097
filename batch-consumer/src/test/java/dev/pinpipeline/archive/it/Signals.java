package dev.pinpipeline.archive.it;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** SIGSTOP and SIGCONT for a server process, with the system's {@code kill}: the JDK can only terminate processes. */
final class Signals {

    private Signals() {}

    /** Freezes the process: it keeps its sockets open but answers nothing, as a hung or partitioned server. */
    static void stop(long pid) throws IOException, InterruptedException {
        send("STOP", pid);
    }

    static void resume(long pid) throws IOException, InterruptedException {
        send("CONT", pid);
    }

    private static void send(String signal, long pid) throws IOException, InterruptedException {
        if (pid <= 0) {
            throw new IllegalArgumentException("no process to send SIG" + signal + " to (pid " + pid + ")");
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }
}
