package dev.pinpipeline.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
