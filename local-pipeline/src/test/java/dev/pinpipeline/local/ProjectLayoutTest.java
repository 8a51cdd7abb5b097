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
    void addsHadoopClientApiBesideTheRuntimeWhenTheListingLacksIt(@TempDir Path m2) throws Exception {
        Path runtime = Files.createDirectories(m2.resolve("hadoop-client-runtime/3.4.2"))
                .resolve("hadoop-client-runtime-3.4.2.jar");
        Path api = Files.createDirectories(m2.resolve("hadoop-client-api/3.4.2")).resolve("hadoop-client-api-3.4.2.jar");
        Files.createFile(runtime);
        Files.createFile(api);
        java.util.List<String> entries = new java.util.ArrayList<>(java.util.List.of("/m2/a.jar", runtime.toString()));

        ProjectLayout.addHadoopClientApi(entries);

        assertThat(entries).containsExactly("/m2/a.jar", runtime.toString(), api.toString());
    }

    @Test
    void listsWhatIsNotBuiltYet(@TempDir Path root) {
        assertThat(new ProjectLayout(root).missingArtifacts())
                .contains(root.resolve("ingest-api/target/ingest-api-0.1.0-SNAPSHOT.jar"));
    }
}
