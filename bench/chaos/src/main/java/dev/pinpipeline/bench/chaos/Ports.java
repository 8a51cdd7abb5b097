package dev.pinpipeline.bench.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Random;

/** Free loopback ports below the ephemeral range, so a restarted service finds its port free again. */
final class Ports {

    private static final Random RANDOM = new Random();

    static int pick() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("No free port on 127.0.0.1 between 20000 and 32000");
    }

    private Ports() {
    }
}
