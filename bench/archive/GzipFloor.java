import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The part of the archiver's work no code change can remove: gzip of the archive lines, alone, on one thread.
 * N lines shaped like the archive's (real pins from PINS_DIR, cycled, behind an events.md §2 prefix) are
 * compressed at LEVEL in files of 10 000 lines, fed in 256 KB chunks as batch-consumer does (after one warm-up
 * file); only the compression is timed (thread CPU time). Prints "gzip_records_per_cpu_second=R …".
 *
 * <pre>java GzipFloor.java PINS_DIR N LEVEL</pre>
 */
public class GzipFloor {

    private static final int CHUNK = 256 * 1024;

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
        int perFile = 10_000;
        var threads = ManagementFactory.getThreadMXBean();
        gzip(lines(pins, 0, perFile), level); // warm-up
        long cpuNanos = 0;
        long bytes = 0;
        for (long first = 0; first < n; first += perFile) {
            byte[] lines = lines(pins, first, (int) Math.min(perFile, n - first));
            long cpu0 = threads.getCurrentThreadCpuTime();
            bytes += gzip(lines, level);
            cpuNanos += threads.getCurrentThreadCpuTime() - cpu0;
        }
        double seconds = cpuNanos / 1e9;
        System.out.printf("gzip_records_per_cpu_second=%.0f gzip_bytes=%d cpu_seconds=%.1f%n", n / seconds, bytes, seconds);
    }

    private static byte[] lines(List<byte[]> pins, long first, int count) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream(count * 1024);
        for (long offset = first; offset < first + count; offset++) {
            String prefix = "{\"event_id\":\"0b9f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d\",\"ingested_at\":\"2026-11-26T13:45:50."
                    + (100 + offset % 900) + "Z\",\"topic\":\"PinterestTopic\",\"partition\":0,\"offset\":" + offset
                    + ",\"pin\":";
            lines.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
            lines.writeBytes(pins.get((int) (offset % pins.size())));
            lines.write('}');
            lines.write('\n');
        }
        return lines.toByteArray();
    }

    /** Compressed size of one file. */
    private static int gzip(byte[] lines, int level) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);
        GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(level);
            }
        };
        for (int at = 0; at < lines.length; at += CHUNK) {
            gzip.write(lines, at, Math.min(CHUNK, lines.length - at));
        }
        gzip.finish();
        return out.size();
    }
}
