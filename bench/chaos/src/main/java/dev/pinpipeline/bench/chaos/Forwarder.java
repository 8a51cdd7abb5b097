package dev.pinpipeline.bench.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain TCP forwarder, one listening address to one target, a thread per direction. The chaos run's network
 * namespace reaches the servers through two of them: inside the namespace from 127.0.0.1:PORT to the host end of
 * a veth, and on the host from that veth address to the server on 127.0.0.1:PORT. Cutting the veth then cuts the
 * services inside from that server, while everything keeps its usual addresses.
 *
 * <p>As a program (run inside the namespace): {@code Forwarder LISTEN_HOST:PORT=TARGET_HOST:PORT ...}.
 */
final class Forwarder implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;

    Forwarder(String listenHost, int listenPort, String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(listenHost, listenPort));
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread accept = new Thread(this::acceptLoop, "forward-" + listenPort);
        accept.setDaemon(true);
        accept.start();
    }

    public static void main(String[] args) throws Exception {
        List<Forwarder> forwarders = new ArrayList<>();
        for (String arg : args) {
            String[] ends = arg.split("=");
            String[] listen = ends[0].split(":");
            String[] target = ends[1].split(":");
            forwarders.add(new Forwarder(listen[0], Integer.parseInt(listen[1]), target[0], Integer.parseInt(target[1])));
        }
        System.out.println("forwarding " + String.join(" ", args));
        // Ends with its parent: the chaos run kills it, or its stdin closes when the run dies.
        while (System.in.read() >= 0) {
            // nothing to read
        }
        forwarders.forEach(Forwarder::close);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread connect = new Thread(() -> connect(client), "forward-connect");
                connect.setDaemon(true);
                connect.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            Socket upstream = new Socket();
            upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            pipe(client, upstream);
            pipe(upstream, client);
        } catch (IOException unreachable) {
            closeQuietly(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread copy = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException broken) {
                // one side went away: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "forward-copy");
        copy.setDaemon(true);
        copy.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
