package dev.pinpipeline.ingest.system;

import dev.pinpipeline.ingest.kafka.PinNotPublishedException;
import dev.pinpipeline.ingest.pin.FieldProblem;
import dev.pinpipeline.ingest.pin.PinMetrics;
import dev.pinpipeline.ingest.pin.PinRejectedException;
import dev.pinpipeline.ingest.pin.RejectionReason;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer is an RFC 9457 problem body ({@code application/problem+json}), decided here by exception
 * type: {@code type} names the reason, {@code errors} lists each offending field as {@code {field, message}}.
 * Each one is counted in {@code pins.rejected}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final long LOG_EVERY_MS = 10_000;

    private final PinMetrics metrics;

    private final IngestProperties properties;

    private final AtomicLong lastUnavailableLog = new AtomicLong();

    private final AtomicLong unavailableSinceLog = new AtomicLong();

    ProblemDetailsAdvice(PinMetrics metrics, IngestProperties properties) {
        this.metrics = metrics;
        this.properties = properties;
    }

    static ProblemDetail problem(RejectionReason reason, String detail, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(reason.status(), detail);
        problem.setType(URI.create("urn:pinpipeline:problem:" + reason.tag()));
        problem.setTitle(reason.title());
        if (!problems.isEmpty()) {
            problem.setProperty("errors", problems);
        }
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> pinRejected(PinRejectedException ex) {
        metrics.rejected(ex.reason());
        return ResponseEntity.status(ex.reason().status()).body(problem(ex.reason(), ex.getMessage(), ex.problems()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> pinNotPublished(PinNotPublishedException ex) {
        metrics.rejected(RejectionReason.KAFKA_UNAVAILABLE);
        if (!ex.isRetriable()) {
            log.warn("Kafka refused a pin: {}", ex.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.INTERNAL_SERVER_ERROR, "Kafka refused the pin: " + ex.getMessage());
            problem.setTitle("Kafka refused the pin");
            return ResponseEntity.internalServerError().body(problem);
        }
        logUnavailable(ex);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfterSeconds()))
                .body(problem(
                        RejectionReason.KAFKA_UNAVAILABLE,
                        "Kafka did not acknowledge the pin (" + ex.getMessage()
                                + "). The outcome is unknown: the pin may "
                                + "still be written. Retry after Retry-After with the same body and the same Idempotency-Key "
                                + "header, so that a retry is the same event (the same event_id) and not a second one.",
                        List.of()));
    }

    /** One line per 10 s while Kafka is down, not one per request. */
    private void logUnavailable(PinNotPublishedException ex) {
        long count = unavailableSinceLog.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastUnavailableLog.get();
        if (now - last >= LOG_EVERY_MS && lastUnavailableLog.compareAndSet(last, now)) {
            unavailableSinceLog.addAndGet(-count);
            log.warn("Kafka unavailable: {} pin(s) answered 503 (latest: {})", count, ex.getMessage());
        }
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        metrics.rejected(RejectionReason.UNSUPPORTED_MEDIA_TYPE);
        String sent = ex.getContentType() == null ? "none" : ex.getContentType().toString();
        ProblemDetail problem = problem(
                RejectionReason.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + sent + " is not supported here; supported: " + ex.getSupportedMediaTypes() + ".",
                List.of(new FieldProblem(HttpHeaders.CONTENT_TYPE, "must be one of " + ex.getSupportedMediaTypes())));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }
}
