package dev.pinpipeline.local.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One {@code ./pipeline run} per data directory: an exclusive lock on {@code <data dir>/.lock}. A second run on the
 * same directory (with other ports) would otherwise take the first one's PostgreSQL for a left-over and stop it. The
 * operating system releases the lock when the process ends, however it ends.
 */
final class DataDirLock {

    static final String FILE = ".lock";

    private DataDirLock() {}

    /** The lock, held until released or until this process exits; empty when another run holds it. */
    static Optional<FileLock> tryAcquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel =
                FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(lock);
            }
        } catch (OverlappingFileLockException heldByThisProcess) {
            // fall through: in use
        }
        channel.close();
        return Optional.empty();
    }
}
