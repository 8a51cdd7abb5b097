package dev.pinpipeline.local.process;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A tiny process that outlives the launcher only to clean up after it: it remembers the launcher's descendants and,
 * if the launcher dies without stopping them (kill -9, a crash), terminates them. A normal exit stops them first,
 * so then there is nothing left to do.
 */
public final class Watchdog {

    public static void main(String[] args) throws InterruptedException {
        long launcherPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> launcher = ProcessHandle.of(launcherPid);
        if (launcher.isEmpty()) {
            return;
        }
        long self = ProcessHandle.current().pid();
        Map<Long, ProcessHandle> known = new LinkedHashMap<>();
        while (launcher.get().isAlive()) {
            launcher.get().descendants().filter(p -> p.pid() != self).forEach(p -> known.putIfAbsent(p.pid(), p));
            known.values().removeIf(p -> !p.isAlive());
            TimeUnit.MILLISECONDS.sleep(500);
        }
        List<ProcessHandle> orphans =
                known.values().stream().filter(ProcessHandle::isAlive).toList();
        orphans.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && orphans.stream().anyMatch(ProcessHandle::isAlive)) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Starts a watchdog for the given launcher process, from the launcher's own classpath. */
    public static Process startFor(ProcessHandle launcher) throws IOException {
        List<String> command = List.of(
                JavaCommand.javaExecutable(),
                "-Xmx16m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Watchdog.class.getName(),
                Long.toString(launcher.pid()));
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private Watchdog() {}
}
