package dev.pinpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The s3 service's health check, run as the container runs it (sh -c), against a real S3Proxy process: it passes
 * when S3Proxy answers, and fails where nothing listens. Only the port differs from the container (80 there).
 */
class S3HealthCheckIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.S3);

    @Test
    @Timeout(120)
    void theHealthCheckPassesAgainstARealS3ProxyAndFailsWhereNothingListens() throws Exception {
        String check = Compose.healthCheck(Compose.load().service("s3"));
        String onS3Proxy = onPort(check, URI.create(infra.s3().endpoint()).getPort());

        assertThat(sh(onS3Proxy)).as(onS3Proxy).isZero();
        assertThat(sh(onPort(check, freePort()))).isNotZero();
    }

    private static String onPort(String check, int port) {
        String moved = check.replace("/dev/tcp/127.0.0.1/80 ", "/dev/tcp/127.0.0.1/" + port + " ");
        assertThat(moved).as("the check probes 127.0.0.1:80: " + check).isNotEqualTo(check);
        return moved;
    }

    private static int sh(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(command).isTrue();
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
