package dev.pinpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {

    @Test
    void sparkClasspathIsTheClassesThenTheListedJars(@TempDir Path root) throws Exception {
        Path target = Files.createDirectories(root.resolve("spark-batch/target"));
        Files.writeString(target.resolve("local-classpath.txt"), "/m2/a.jar" + File.pathSeparator + "/m2/b.jar\n");

        String classpath = new ProjectLayout(root).sparkLocalClasspath("spark-batch");

        assertThat(classpath.split(File.pathSeparator))
                .containsExactly(target.resolve("classes").toString(), "/m2/a.jar", "/m2/b.jar");
    }

    @Test
    void listsWhatIsNotBuiltYet(@TempDir Path root) {
        assertThat(new ProjectLayout(root).missingArtifacts())
                .contains(root.resolve("ingest-api/target/ingest-api-0.1.0-SNAPSHOT.jar"));
    }
}
