package dev.pinpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The module graph of docs/architecture.md, checked against every module's pom. */
class ModuleDependenciesTest {

    private static final Path ROOT = Path.of("..");

    /** Project modules each module may depend on in main scope (docs/architecture.md). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("pin-events", Set.of()),
            Map.entry("pipeline-cli", Set.of("pin-events")),
            Map.entry("pipeline-schema", Set.of()),
            Map.entry("pipeline-retry", Set.of()),
            Map.entry("ingest-api", Set.of("pin-events")),
            Map.entry("batch-consumer", Set.of("pin-events", "pipeline-retry")),
            Map.entry("user-emulator", Set.of("pipeline-cli", "pipeline-retry")),
            Map.entry("spark-common", Set.of("pin-events")),
            Map.entry("pin-cleaning", Set.of("pin-events")),
            Map.entry(
                    "spark-batch",
                    Set.of("spark-common", "pin-cleaning", "pin-events", "pipeline-schema", "pipeline-cli")),
            Map.entry(
                    "spark-streaming",
                    Set.of(
                            "spark-common",
                            "pin-cleaning",
                            "pin-events",
                            "pipeline-schema",
                            "pipeline-cli",
                            "pipeline-retry")),
            Map.entry(
                    "local-pipeline",
                    Set.of("pin-events", "pipeline-cli", "pipeline-schema", "pipeline-retry", "local-infra")),
            Map.entry("cluster-it", Set.of()),
            Map.entry("deploy-checks", Set.of()));

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    static Set<String> modules() {
        return new TreeSet<>(ALLOWED.keySet());
    }

    @ParameterizedTest
    @MethodSource("modules")
    void aModuleDependsOnlyOnTheModulesTheArchitectureAllows(String module) throws IOException {
        assertThat(projectDependencies(module)).isSubsetOf(ALLOWED.get(module));
    }

    @Test
    void pinEventsHasNoDependencyOutsideTests() throws IOException {
        String pom = withoutParent(Files.readString(ROOT.resolve("pin-events/pom.xml")));
        Matcher dependency = DEPENDENCY.matcher(pom);
        while (dependency.find()) {
            assertThat(dependency.group(1)).as("a dependency of pin-events").contains("<scope>test</scope>");
        }
    }

    @Test
    void everyModuleOfTheBuildIsOnThePage() throws IOException {
        String root = Files.readString(ROOT.resolve("pom.xml"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(root);
        Set<String> modules = new TreeSet<>();
        while (module.find()) {
            String name = module.group(1);
            if (!name.startsWith("parents/") && !name.equals("local-infra")) {
                modules.add(name);
            }
        }
        assertThat(ALLOWED.keySet()).containsAll(modules);
        String page = Files.readString(ROOT.resolve("docs/architecture.md"));
        assertThat(modules).allSatisfy(name -> assertThat(page).contains(name));
    }

    /** The dev.pinpipeline artifacts a module's pom depends on outside test scope. */
    private static Set<String> projectDependencies(String module) throws IOException {
        String pom = withoutParent(Files.readString(ROOT.resolve(module).resolve("pom.xml")));
        Set<String> found = new TreeSet<>();
        Matcher dependency = DEPENDENCY.matcher(pom);
        while (dependency.find()) {
            String body = dependency.group(1);
            if (body.contains("<groupId>dev.pinpipeline</groupId>") && !body.contains("<scope>test</scope>")) {
                Matcher artifact =
                        Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(body);
                if (artifact.find()) {
                    found.add(artifact.group(1));
                }
            }
        }
        return found;
    }

    private static String withoutParent(String pom) {
        return pom.replaceAll("(?s)<parent>.*?</parent>", "")
                .replaceAll("(?s)<dependencyManagement>.*?</dependencyManagement>", "");
    }
}
