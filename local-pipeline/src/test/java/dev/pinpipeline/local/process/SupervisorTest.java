package dev.pinpipeline.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    @Test
    void logsALongClassPathAsItsNumberOfEntries() {
        String classpath = String.join(File.pathSeparator, Collections.nCopies(150, "/m2/some/library-1.0.jar"));

        String logged = Supervisor.describe(List.of("java", "-Xmx1g", "-cp", classpath, "dev.example.Main", "--flag"));

        assertThat(logged).isEqualTo("java -Xmx1g -cp <150 class path entries> dev.example.Main --flag");
    }

    @Test
    void logsAShortCommandAsItIs() {
        List<String> command = List.of("java", "-cp", "a.jar" + File.pathSeparator + "b.jar", "Main");

        assertThat(Supervisor.describe(command)).isEqualTo(String.join(" ", command));
    }

    @Test
    void restartsAChildThatEndedWithItsCommandAndEnvironmentInItsPlace(@TempDir Path dir) throws Exception {
        try (Supervisor supervisor = new Supervisor(dir.resolve("logs"), dir)) {
            ChildProcess first = supervisor.start(
                    "echo", List.of("sh", "-c", "echo run $GREETING; exit 3"), Map.of("GREETING", "hello"));
            assertThat(first.waitFor()).isEqualTo(3);
            assertThat(supervisor.unexpectedExit()).contains(first);

            ChildProcess second = supervisor.restart(first);
            assertThat(second.waitFor()).isEqualTo(3);

            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(supervisor.children()).containsExactly(second);
            assertThat(Files.readString(dir.resolve("logs/echo.log"))).containsSubsequence("run hello", "run hello");
        }
    }
}
