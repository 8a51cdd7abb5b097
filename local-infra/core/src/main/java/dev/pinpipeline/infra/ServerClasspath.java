package dev.pinpipeline.infra;

import dev.pinpipeline.infra.process.ServerLauncher;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of a server process: this module (for {@link ServerLauncher}), the server module's own jar or
 * classes directory, and the server's libraries, which the server module lists at build time in
 * {@code META-INF/local-infra/<artifactId>.classpath}. Works from a reactor build (target/classes) and from
 * jars in the local Maven repository.
 */
final class ServerClasspath {

    private ServerClasspath() {}

    static String of(String serverModule) {
        String resource = "META-INF/local-infra/" + serverModule + ".classpath";
        URL url = ServerClasspath.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new LocalInfraException(
                    resource + " is not on the classpath: depend on dev.pinpipeline:local-infra " + "(it brings "
                            + serverModule + "), and install it with ./mvnw -f local-infra install -DskipTests");
        }
        List<Path> entries = new ArrayList<>();
        entries.add(codeSourceOf(ServerLauncher.class));
        entries.add(moduleLocation(url, resource));
        for (String library : read(url).split(File.pathSeparator)) {
            if (!library.isBlank()) {
                entries.add(Path.of(library));
            }
        }
        for (Path entry : entries) {
            if (!Files.exists(entry)) {
                throw new LocalInfraException(entry + " (on the classpath of " + serverModule + ") does not exist: "
                        + "rebuild local-infra with ./mvnw -f local-infra install -DskipTests");
            }
        }
        return String.join(
                File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static Path codeSourceOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new LocalInfraException("Cannot locate the jar of " + type.getName(), e);
        }
    }

    /** The jar holding the resource, or the classes directory it sits in. */
    private static Path moduleLocation(URL url, String resource) {
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                return Path.of(connection.getJarFileURL().toURI());
            }
            Path path = Path.of(url.toURI());
            for (int i = 0; i < resource.split("/").length; i++) {
                path = path.getParent();
            }
            return path;
        } catch (IOException | URISyntaxException e) {
            throw new LocalInfraException("Cannot locate the module holding " + url, e);
        }
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new LocalInfraException("Cannot read " + url, e);
        }
    }
}
