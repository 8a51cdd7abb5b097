package dev.pinpipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaVersionTest {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__\\w+\\.sql");

    @Test
    void theRequiredVersionIsTheHighestMigration() throws IOException {
        List<String> files;
        try (Stream<Path> dir = Files.list(Path.of("src/main/resources/db/migration"))) {
            files = dir.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertThat(files)
                .isNotEmpty()
                .allSatisfy(name -> assertThat(name)
                        .as("V<whole number>__<what>.sql: the " + "jobs' check reads versions as integers")
                        .matches(MIGRATION));
        int highest = files.stream()
                .map(MIGRATION::matcher)
                .filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .max()
                .orElseThrow();
        assertThat(SchemaVersion.REQUIRED).isEqualTo(highest);
    }

    @Test
    void theJobsSideLoadsAndFindsTheMigratorWithoutFlyway() throws Exception {
        URL classes = SchemaVersion.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutFlyway =
                new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertThat(withoutFlyway.getResource("org/flywaydb/core/Flyway.class"))
                    .isNull();
            Class<?> version = Class.forName(SchemaVersion.class.getName(), true, withoutFlyway);
            assertThat(version.getField("REQUIRED").getInt(null)).isEqualTo(SchemaVersion.REQUIRED);
            Class<?> migration = Class.forName(SchemaMigration.class.getName(), true, withoutFlyway);
            var classpath = migration.getDeclaredMethod("classpath");
            classpath.setAccessible(true);
            assertThat((String) classpath.invoke(null))
                    .contains("flyway-core-", "flyway-database-postgresql-", "postgresql-");
        }
    }

    @Test
    void theErrorNamesTheFoundAndNeededVersionsAndHowToMigrate() {
        String message = new SchemaVersion.TooOld("jdbc:postgresql://db:5432/pins", OptionalInt.empty()).getMessage();
        assertThat(message)
                .doesNotContain("\n")
                .contains(
                        "jdbc:postgresql://db:5432/pins",
                        "version none",
                        "needs version " + SchemaVersion.REQUIRED,
                        "docker compose run --rm schema-migrate",
                        SchemaVersion.MIGRATOR_MAIN);
    }
}
