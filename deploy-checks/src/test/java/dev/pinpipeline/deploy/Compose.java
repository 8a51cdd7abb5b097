package dev.pinpipeline.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as Compose reads it: YAML with merge keys, then {@code ${VAR}}, {@code ${VAR:-default}} and
 * {@code ${VAR-default}} replaced from .env (or the default), and {@code $$} unescaped to {@code $}.
 */
record Compose(Map<String, Object> raw, Map<String, Object> model, Map<String, String> env, Set<String> variables) {

    static final Path ROOT = Path.of("..");
    static final Path FILE = ROOT.resolve("docker-compose.yml");
    static final Path ENV_FILE = ROOT.resolve(".env");

    /** A reference: $$ (escaped), ${NAME}, ${NAME:-default}, ${NAME-default}, or $NAME. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    static Compose load() throws IOException {
        return of(Files.readString(FILE), readEnv(ENV_FILE));
    }

    static Compose of(String yaml, Map<String, String> env) {
        Map<String, Object> raw = parse(yaml);
        Set<String> variables = new TreeSet<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) interpolate(parse(yaml), env, variables);
        return new Compose(raw, model, env, variables);
    }

    static Map<String, Object> parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options)).load(yaml);
    }

    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(file + ": not NAME=value: " + line);
            }
            env.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        return env;
    }

    /** The variables a text refers to, each with whether it has a default. */
    static Map<String, Boolean> references(String text) {
        Map<String, Boolean> refs = new LinkedHashMap<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            if (name != null) {
                refs.merge(name, m.group(2) != null, Boolean::logicalOr);
            }
        }
        return refs;
    }

    static String interpolate(String text, Map<String, String> env, Set<String> seen) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                seen.add(name);
                String value = env.get(name);
                boolean unsetOrEmpty = value == null || (":-".equals(m.group(2)) && value.isEmpty());
                replacement = m.group(2) != null && unsetOrEmpty ? m.group(3) : value == null ? "" : value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object interpolate(Object node, Map<String, String> env, Set<String> seen) {
        if (node instanceof String text) {
            return interpolate(text, env, seen);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), interpolate(v, env, seen)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(interpolate(v, env, seen)));
            return out;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) model.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError("no service " + name + " in docker-compose.yml");
        }
        return service;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> service, String key) {
        Object value = service.get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        return ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(service, "environment").forEach((k, v) -> env.put(k, v == null ? null : String.valueOf(v)));
        return env;
    }

    /** The health check's command as the container runs it (CMD-SHELL: through sh -c). */
    static String healthCheck(Map<String, Object> service) {
        List<String> test = strings(map(service, "healthcheck").get("test"));
        if (test.isEmpty()) {
            return "";
        }
        return String.join(" ", test.subList(1, test.size()));
    }

    /** A size as Compose writes it (512m, 1g, 1856m, bytes) in MiB. */
    static long mebibytes(String size) {
        Matcher m =
                Pattern.compile("(\\d+)([bkmg]?)b?", Pattern.CASE_INSENSITIVE).matcher(size.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + size);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "g" -> n * 1024;
            case "m" -> n;
            case "k" -> n / 1024;
            default -> n / (1024 * 1024);
        };
    }
}
