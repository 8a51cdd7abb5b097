package dev.pinpipeline.clusterit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Compose reads it: YAML (anchors and {@code <<} merges included), then {@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR-default}} and {@code $VAR} interpolated from {@code .env}, {@code $$} an
 * escaped {@code $}. Only what the tests need: a service's command, environment and health check.
 */
final class ComposeFile {

    /** A service's {@code healthcheck}: {@code test} as written ({@code CMD}, {@code CMD-SHELL} or {@code NONE}). */
    record HealthCheck(List<String> test, Duration timeout) {}

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Path root;
    private final Map<String, Object> services;
    private final Map<String, String> dotEnv;

    private ComposeFile(Path root, Map<String, Object> services, Map<String, String> dotEnv) {
        this.root = root;
        this.services = services;
        this.dotEnv = dotEnv;
    }

    /** The repository's docker-compose.yml and .env. */
    static ComposeFile of(Path repositoryRoot) {
        try {
            Map<String, String> dotEnv = dotEnv(repositoryRoot.resolve(".env"));
            Map<String, Object> root = new Yaml()
                    .load(Files.readString(repositoryRoot.resolve("docker-compose.yml"), StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            Map<String, Object> services = (Map<String, Object>) root.get("services");
            return new ComposeFile(repositoryRoot, services, dotEnv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's {@code command}, interpolated; a string command is split on white space as Compose does. */
    List<String> command(String service) {
        return words(service(service).get("command"), service + ".command");
    }

    /** The service's {@code entrypoint}, interpolated; empty when it has none. */
    List<String> entrypoint(String service) {
        Object entrypoint = service(service).get("entrypoint");
        return entrypoint == null ? List.of() : words(entrypoint, service + ".entrypoint");
    }

    /** The Dockerfile the service is built from ({@code build.context} + {@code build.dockerfile}). */
    Path dockerfile(String service) {
        if (!(service(service).get("build") instanceof Map<?, ?> build)) {
            throw new IllegalStateException("services." + service + " is not built from a Dockerfile");
        }
        Object context = build.get("context");
        Object dockerfile = build.get("dockerfile");
        return root.resolve(context == null ? "." : interpolate(context.toString()))
                .resolve(dockerfile == null ? "Dockerfile" : interpolate(dockerfile.toString()))
                .normalize();
    }

    /** The names of all services. */
    java.util.Set<String> services() {
        return services.keySet();
    }

    /** The service's {@code environment} (map or list form), interpolated; empty when it has none. */
    Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((name, value) ->
                    variables.put(name.toString(), value == null ? "" : interpolate(value.toString())));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] parts = entry.toString().split("=", 2);
                variables.put(parts[0], parts.length == 2 ? interpolate(parts[1]) : "");
            }
        }
        return variables;
    }

    HealthCheck healthCheck(String service) {
        Object healthcheck = service(service).get("healthcheck");
        if (!(healthcheck instanceof Map<?, ?> map)) {
            throw new IllegalStateException("services." + service + " has no healthcheck");
        }
        Object timeout = map.get("timeout");
        return new HealthCheck(
                words(map.get("test"), service + ".healthcheck.test"),
                timeout == null ? Duration.ofSeconds(30) : duration(timeout.toString()));
    }

    /** A value set in .env. */
    String dotEnv(String name) {
        String value = dotEnv.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set in .env");
        }
        return value;
    }

    String interpolate(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
                String value = dotEnv.get(name);
                String operator = matcher.group(2);
                if (operator != null && (value == null || operator.equals(":-") && value.isEmpty())) {
                    value = matcher.group(3);
                }
                if (value == null) {
                    throw new IllegalStateException("${" + name + "} in docker-compose.yml has no value in .env");
                }
                replacement = value;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Map<?, ?> service(String name) {
        Object service = services.get(name);
        if (!(service instanceof Map<?, ?> map)) {
            throw new IllegalStateException("docker-compose.yml has no service " + name);
        }
        return map;
    }

    private List<String> words(Object value, String what) {
        if (value instanceof List<?> list) {
            return list.stream().map(word -> interpolate(word.toString())).toList();
        }
        if (value instanceof String string) {
            return List.of(interpolate(string).trim().split("\\s+"));
        }
        throw new IllegalStateException(what + " is missing");
    }

    private static Duration duration(String compose) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(compose);
        Duration total = Duration.ZERO;
        while (matcher.find()) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(
                    switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    });
        }
        return total;
    }

    private static Map<String, String> dotEnv(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            String[] parts = trimmed.split("=", 2);
            values.put(parts[0].trim(), unquote(parts[1].trim()));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
