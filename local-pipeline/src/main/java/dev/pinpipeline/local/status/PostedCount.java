package dev.pinpipeline.local.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pins posted since the data dir was created: ingest-api's {@code pins_accepted_total} counts only what its own
 * process accepted, so a restarted ingest-api (or a new {@code ./pipeline run} on kept data) starts it at 0. This
 * adds the earlier processes' last counts to the current one and keeps the total in a file of the data dir.
 * Pins accepted by a process in the moment between its last reading and its death are not counted.
 */
final class PostedCount {

    private final Path file;
    private long carried;
    private double processStart = Double.NaN;
    private long current;
    private long saved = -1;

    public PostedCount(Path file) {
        this.file = file;
        this.carried = read(file);
    }

    /**
     * The total after a reading of ingest-api: its process start time (a new process when it changes, or when its
     * count went down) and its count.
     */
    public synchronized long update(double start, long count) {
        if (start != processStart || count < current) {
            carried += current;
            current = 0;
            processStart = start;
        }
        current = count;
        save();
        return total();
    }

    /** The total so far, also while ingest-api cannot be read; -1 before anything was counted. */
    public synchronized long total() {
        long total = carried + current;
        return total == 0 && Double.isNaN(processStart) ? -1 : total;
    }

    private void save() {
        long total = carried + current;
        if (total == saved) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, total + "\n");
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            saved = total;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static long read(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0; // unreadable: count from here
        }
    }
}
