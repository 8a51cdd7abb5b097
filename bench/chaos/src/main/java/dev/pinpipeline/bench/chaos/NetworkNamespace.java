package dev.pinpipeline.bench.chaos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the chaos run's own (iproute2's {@code ip netns}), joined to the host by one veth pair per
 * link, each a /30 of 10.231.0.0/16 that exists only on these veths. {@link #cut} sets a link down inside the
 * namespace: what travels over it stops, and only that. {@link #close} deletes the namespace and its veths.
 */
final class NetworkNamespace implements AutoCloseable {

    /** One veth pair: the host end's address, the namespace end's address. */
    record Link(String name, String hostDevice, String namespaceDevice, String hostAddress, String namespaceAddress) {
    }

    private final String name;
    private final List<Link> links = new ArrayList<>();

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates the namespace with its loopback up and one link per name. */
    static NetworkNamespace create(String name, int tag, List<String> linkNames) {
        NetworkNamespace ns = new NetworkNamespace(name);
        try {
            ip("netns", "add", name);
            ns.exec("ip", "link", "set", "lo", "up");
            for (int i = 0; i < linkNames.size(); i++) {
                String host = "ch" + tag + "h" + i;
                String inside = "ch" + tag + "n" + i;
                String subnet = "10.231." + (tag % 64 * 4 + i) + ".";
                Link link = new Link(linkNames.get(i), host, inside, subnet + "1", subnet + "2");
                ip("link", "add", host, "type", "veth", "peer", "name", inside);
                ip("link", "set", inside, "netns", name);
                ip("addr", "add", link.hostAddress() + "/30", "dev", host);
                ip("link", "set", host, "up");
                ns.exec("ip", "addr", "add", link.namespaceAddress() + "/30", "dev", inside);
                ns.exec("ip", "link", "set", inside, "up");
                ns.links.add(link);
            }
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    Link link(String linkName) {
        return links.stream().filter(l -> l.name().equals(linkName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No link " + linkName));
    }

    /** The command line prefix that runs a program inside the namespace. */
    List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    void cut(String linkName) {
        exec("ip", "link", "set", link(linkName).namespaceDevice(), "down");
    }

    void heal(String linkName) {
        exec("ip", "link", "set", link(linkName).namespaceDevice(), "up");
    }

    private void exec(String... command) {
        List<String> full = new ArrayList<>(prefix());
        full.addAll(List.of(command));
        run(full);
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
        }
    }

    /** Deletes the namespace; its veth ends go with it, and so do their host peers. */
    @Override
    public void close() {
        try {
            ip("netns", "del", name);
        } catch (IllegalStateException alreadyGone) {
            // nothing left to delete
        }
    }
}
