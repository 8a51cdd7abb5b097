import dev.pinpipeline.archive.gzip.GzipCompression;
import dev.pinpipeline.archive.gzip.GzipLibrary;
import dev.pinpipeline.archive.gzip.GzipStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of the archiver's work no code change can remove: gzip of the archive lines, alone, on one thread.
 * N lines shaped like the archive's (real pins from PINS_DIR, cycled, behind an events.md §2 prefix) are
 * compressed in files of 10 000 lines by batch-consumer's own GzipStream (LIBRARY auto|libdeflate|jdk, LEVEL), the
 * pieces of each line written as the archiver writes them (after one warm-up file); only the compression is timed
 * (thread CPU time). Prints "gzip_records_per_cpu_second=R … library=…".
 *
 * <pre>java -cp batch-consumer/target/classes:JNA GzipFloor.java PINS_DIR N LEVEL LIBRARY</pre>
 */
public class GzipFloor {

    public static void main(String[] args) throws Exception {
        List<byte[]> pins = new ArrayList<>();
        try (var files = Files.list(Path.of(args[0]))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                        .forEach(l -> pins.add(l.getBytes(StandardCharsets.UTF_8)));
            }
        }
        long n = Long.parseLong(args[1]);
        int level = Integer.parseInt(args[2]);
        GzipCompression gzip = GzipCompression.of(GzipLibrary.valueOf(args[3].toUpperCase()), level);
        GzipStream stream = gzip.newStream();
        int perFile = 10_000;
        var threads = ManagementFactory.getThreadMXBean();
        compress(stream, lines(pins, 0, perFile)); // warm-up
        long cpuNanos = 0;
        long bytes = 0;
        for (long first = 0; first < n; first += perFile) {
            List<byte[]> lines = lines(pins, first, (int) Math.min(perFile, n - first));
            long cpu0 = threads.getCurrentThreadCpuTime();
            bytes += compress(stream, lines);
            cpuNanos += threads.getCurrentThreadCpuTime() - cpu0;
        }
        double seconds = cpuNanos / 1e9;
        System.out.printf("gzip_records_per_cpu_second=%.0f gzip_bytes=%d cpu_seconds=%.1f library=%s%n", n / seconds,
                bytes, seconds, gzip);
    }

    /** Each line in the archiver's three pieces: its prefix, the pin, the closing brace and line break. */
    private static List<byte[]> lines(List<byte[]> pins, long first, int count) {
        List<byte[]> pieces = new ArrayList<>(3 * count);
        byte[] suffix = "}\n".getBytes(StandardCharsets.UTF_8);
        for (long offset = first; offset < first + count; offset++) {
            String prefix = "{\"event_id\":\"0b9f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d\",\"ingested_at\":\"2026-11-26T13:45:50."
                    + (100 + offset % 900) + "Z\",\"topic\":\"PinterestTopic\",\"partition\":0,\"offset\":" + offset
                    + ",\"pin\":";
            pieces.add(prefix.getBytes(StandardCharsets.UTF_8));
            pieces.add(pins.get((int) (offset % pins.size())));
            pieces.add(suffix);
        }
        return pieces;
    }

    /** Compressed size of one file. */
    private static int compress(GzipStream stream, List<byte[]> pieces) {
        for (byte[] piece : pieces) {
            stream.write(piece);
        }
        return stream.finish().length;
    }
}
