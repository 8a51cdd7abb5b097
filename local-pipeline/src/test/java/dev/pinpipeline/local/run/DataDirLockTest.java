package dev.pinpipeline.local.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @Test
    void aDataDirectoryServesOneRunAtATime(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        Optional<FileLock> first = DataDirLock.tryAcquire(dataDir);

        assertThat(first).isPresent();
        assertThat(DataDirLock.tryAcquire(dataDir))
                .as("while the first run holds it")
                .isEmpty();

        first.get().channel().close();
        assertThat(DataDirLock.tryAcquire(dataDir)).as("once it is released").isPresent();
    }

    @Test
    void freshDeletesEverythingButTheLock(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        FileLock lock = DataDirLock.tryAcquire(dataDir).orElseThrow();
        Files.createDirectories(dataDir.resolve("infra/kafka"));
        Files.writeString(dataDir.resolve("infra/kafka/log"), "x");

        RunCommand.deleteContents(dataDir, DataDirLock.FILE);

        try (var left = Files.list(dataDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(DataDirLock.FILE);
        }
        lock.channel().close();
    }
}
