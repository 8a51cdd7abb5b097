import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A fixed-rate load generator (wrk2 is not in Debian): POSTs the real pins at RATE requests per second and
 * measures each latency from the moment the request was DUE, not from when it was sent, so a stall is counted
 * in full (no coordinated omission). Latencies go into an HdrHistogram.
 *
 * <pre>java -cp HdrHistogram.jar FixedRateLoad.java URL PINS_JSONL RATE SECONDS [WARMUP_SECONDS]</pre>
 */
public class FixedRateLoad {

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		List<byte[]> bodies = Files.readAllLines(Path.of(args[1])).stream()
			.filter(line -> !line.isBlank())
			.map(String::getBytes)
			.toList();
		int rate = Integer.parseInt(args[2]);
		int seconds = Integer.parseInt(args[3]);
		int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 3;

		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(2))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		Recorder recorder = new Recorder(3);
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		Semaphore inFlight = new Semaphore(1024);

		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime();
		long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
		long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
		long sent = 0;
		for (long due = start; due < end; due += intervalNanos) {
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			inFlight.acquireUninterruptibly();
			long dueAt = due;
			boolean measured = due >= measureFrom;
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get((int) (sent++ % bodies.size()))))
				.build();
			client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
				long latency = System.nanoTime() - dueAt;
				inFlight.release();
				if (!measured) {
					return;
				}
				recorder.recordValue(latency);
				if (error == null && response.statusCode() / 100 == 2) {
					ok.incrementAndGet();
				}
				else {
					failed.incrementAndGet();
				}
			});
		}
		inFlight.acquireUninterruptibly(1024);
		Histogram histogram = recorder.getIntervalHistogram();
		double ms = 1e6;
		System.out.printf("RESULT rate=%d seconds=%d ok=%d failed=%d achieved_rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
				+ "p999_ms=%.2f max_ms=%.2f%n", rate, seconds, ok.get(), failed.get(),
				(ok.get() + failed.get()) / (double) seconds, histogram.getValueAtPercentile(50) / ms,
				histogram.getValueAtPercentile(90) / ms, histogram.getValueAtPercentile(99) / ms,
				histogram.getValueAtPercentile(99.9) / ms, histogram.getMaxValue() / ms);
		System.exit(0);
	}

}
