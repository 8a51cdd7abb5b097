package dev.pinpipeline.batch.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a day's {@code _SUCCESS} marker, which batch-consumer writes once the day is complete. Reading a day
 * before that would publish partial analytics, so the job refuses unless told otherwise.
 */
public final class SuccessMarker {

    private static final Logger log = LoggerFactory.getLogger(SuccessMarker.class);
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(15);

    private final Configuration hadoopConf;
    private final Clock clock;

    public SuccessMarker(Configuration hadoopConf, Clock clock) {
        this.hadoopConf = hadoopConf;
        this.clock = clock;
    }

    /** Returns once {@code marker} exists; throws {@link SuccessMarkerMissingException} after {@code patience}. */
    public void await(String marker, Duration patience) {
        Instant deadline = clock.instant().plus(patience);
        boolean logged = false;
        while (!exists(marker)) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new SuccessMarkerMissingException(
                        "No " + marker + (patience.isZero() ? "" : " after waiting " + patience)
                                + ": the day is not complete (batch-consumer writes _SUCCESS when it closes the day)."
                                + " Use --wait-for-success to wait, or --no-require-success to process what is there.");
            }
            if (!logged) {
                log.info("Waiting up to {} for {}", patience, marker);
                logged = true;
            }
            sleep(left.compareTo(MAX_POLL_INTERVAL) < 0 ? left : MAX_POLL_INTERVAL);
        }
    }

    public boolean exists(String marker) {
        try {
            Path path = new Path(marker);
            return path.getFileSystem(hadoopConf).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check " + marker + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuccessMarkerMissingException("Interrupted while waiting for the _SUCCESS marker");
        }
    }
}
