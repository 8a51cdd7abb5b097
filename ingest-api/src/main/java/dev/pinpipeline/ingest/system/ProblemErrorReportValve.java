package dev.pinpipeline.ingest.system;

import dev.pinpipeline.ingest.pin.PinMetrics;
import dev.pinpipeline.ingest.pin.RejectionReason;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error page as an RFC 9457 problem body instead of its HTML page, for the requests Tomcat answers itself
 * before any servlet sees them: headers over {@code server.max-http-request-header-size} (a 10 KB
 * {@code Idempotency-Key}, say), a malformed request line. Everything that reaches Spring is answered by
 * {@link ProblemDetailsAdvice}; this valve only writes a body when nothing else did.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = new JsonMapper();

    private final PinMetrics metrics;

    private final DataSize maxHeaderSize;

    ProblemErrorReportValve(PinMetrics metrics, DataSize maxHeaderSize) {
        this.metrics = metrics;
        this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        if (status == HttpStatus.BAD_REQUEST.value()) {
            metrics.rejected(RejectionReason.UNREADABLE_REQUEST);
            problem.put("type", "urn:pinpipeline:problem:" + RejectionReason.UNREADABLE_REQUEST.tag());
            problem.put("title", RejectionReason.UNREADABLE_REQUEST.title());
            problem.put("status", status);
            problem.put(
                    "detail",
                    "The server could not read the request: its headers are larger than the limit of "
                            + maxHeaderSize.toBytes() + " bytes in all, or its request line or headers are malformed. "
                            + "An Idempotency-Key takes at most 255 characters.");
        } else {
            HttpStatus known = HttpStatus.resolve(status);
            problem.put("type", "about:blank");
            problem.put("title", known == null ? "Error" : known.getReasonPhrase());
            problem.put("status", status);
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ex) {
            // the client is gone or the response cannot take a body: nothing more to say
        }
    }
}
