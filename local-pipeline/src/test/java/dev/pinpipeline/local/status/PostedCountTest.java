package dev.pinpipeline.local.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostedCountTest {

    @TempDir
    Path dir;

    @Test
    void goesOnWhenIngestApiRestartsAtZero() {
        PostedCount posted = new PostedCount(dir.resolve("posted.count"));

        posted.update(1000.0, 40);
        posted.update(1000.0, 120);
        long afterRestart = posted.update(2000.0, 5); // a new process: its counter started at 0

        assertThat(afterRestart).isEqualTo(125);
        assertThat(posted.update(2000.0, 30)).isEqualTo(150);
    }

    @Test
    void aCounterThatWentDownIsANewProcessEvenWithoutAStartTime() {
        PostedCount posted = new PostedCount(dir.resolve("posted.count"));

        posted.update(-1, 50);

        assertThat(posted.update(-1, 10)).isEqualTo(60);
    }

    @Test
    void keepsItsTotalForTheNextRunOnTheSameDataDir() {
        Path file = dir.resolve("posted.count");
        PostedCount first = new PostedCount(file);
        first.update(1000.0, 77);

        PostedCount next = new PostedCount(file);

        assertThat(next.total()).isEqualTo(77);
        assertThat(next.update(3000.0, 3)).isEqualTo(80);
    }

    @Test
    void isUnknownBeforeTheFirstReadingOfAFreshDataDir() {
        assertThat(new PostedCount(dir.resolve("posted.count")).total()).isEqualTo(-1);
    }
}
