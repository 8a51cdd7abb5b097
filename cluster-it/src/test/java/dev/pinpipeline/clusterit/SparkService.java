package dev.pinpipeline.clusterit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Spark service of docker-compose.yml (spark-master, spark-worker) as a local process: its {@code command}
 * ({@code spark-class <main class> <arguments>}) run on {@link SparkHome}, with only the {@link Substitutions}
 * applied: compose host names and container ports mapped to what they are on this machine.
 */
final class SparkService {

    /**
     * Whole-word replacements applied to a compose service's arguments and to its health check alike, e.g.
     * {@code spark-master → 127.0.0.2}, {@code 7077 → 41234}.
     */
    record Substitutions(Map<String, String> replacements) {

        Substitutions {
            replacements = Map.copyOf(replacements);
        }

        String apply(String text) {
            if (replacements.isEmpty()) {
                return text;
            }
            Pattern words = Pattern.compile("(?<![\\w.-])("
                    + replacements.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"))
                    + ")(?![\\w.-])");
            Matcher matcher = words.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacements.get(matcher.group(1))));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        List<String> apply(List<String> words) {
            return words.stream().map(this::apply).toList();
        }

        Substitutions with(String from, String to) {
            Map<String, String> more = new LinkedHashMap<>(replacements);
            more.put(from, to);
            return new Substitutions(more);
        }
    }

    private SparkService() {}

    /**
     * Starts the compose service's {@code spark-class} command with {@code heap}, unless the service sets
     * SPARK_DAEMON_MEMORY. {@code environment}: the service's own compose environment plus what this machine needs
     * (null removes a variable, e.g. SPARK_LOCAL_IP).
     */
    static SparkProcess start(
            ComposeFile compose,
            String service,
            Substitutions substitutions,
            SparkHome home,
            String heap,
            Map<String, String> environment) {
        List<String> command = substitutions.apply(compose.command(service));
        if (command.size() < 2 || !command.get(0).endsWith("/spark-class")) {
            throw new IllegalStateException(
                    "services." + service + ".command is not `spark-class <class> …`: " + command);
        }
        Map<String, String> env = new LinkedHashMap<>();
        compose.environment(service).forEach((name, value) -> env.put(name, substitutions.apply(value)));
        env.putAll(environment);
        // spark-class gives a daemon SPARK_DAEMON_MEMORY as its heap: the service's own setting wins over ours
        String daemonHeap = env.getOrDefault("SPARK_DAEMON_MEMORY", heap);
        return SparkProcess.start(service, home, daemonHeap, command.get(1), command.subList(2, command.size()), env);
    }

    /** A port free on loopback right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
