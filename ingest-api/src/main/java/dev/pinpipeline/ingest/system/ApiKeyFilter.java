package dev.pinpipeline.ingest.system;

import dev.pinpipeline.ingest.pin.PinMetrics;
import dev.pinpipeline.ingest.pin.RejectionReason;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When {@code ingest.api-key} is set, lets through only requests to the pin endpoints that carry it in the
 * {@code X-API-Key} header; the others get 401 with a problem body before anything is read. Health, metrics and
 * the API docs stay open. Off (a pass-through) when no key is configured.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    private static final String UNAUTHORIZED_BODY = """
			{"type":"urn:pinpipeline:problem:unauthorized","title":"Missing or wrong API key","status":401,\
			"detail":"This endpoint requires the X-API-Key header with the configured key.",\
			"errors":[{"field":"X-API-Key","message":"must carry the configured API key"}]}""";

    private final byte[] expectedKey;

    private final PinMetrics metrics;

    ApiKeyFilter(IngestProperties properties, PinMetrics metrics) {
        this.expectedKey = properties.apiKeyRequired() ? properties.apiKey().getBytes(StandardCharsets.UTF_8) : null;
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (expectedKey == null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/pin") || path.startsWith("/pin/") || path.equals("/pins") || path.startsWith("/pins/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(IngestProperties.API_KEY_HEADER);
        // constant-time comparison: the time taken says nothing about how much of the key was right
        if (key != null && MessageDigest.isEqual(expectedKey, key.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        metrics.rejected(RejectionReason.UNAUTHORIZED);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(UNAUTHORIZED_BODY.getBytes(StandardCharsets.UTF_8));
    }
}
