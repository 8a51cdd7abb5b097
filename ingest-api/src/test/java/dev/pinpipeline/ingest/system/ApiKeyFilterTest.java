package dev.pinpipeline.ingest.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.ingest.pin.PinMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class ApiKeyFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static IngestProperties withKey(String key) {
        return new IngestProperties(
                "PinterestTopic",
                3,
                (short) 1,
                DataSize.ofKilobytes(64),
                DataSize.ofMegabytes(16),
                1000,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                key);
    }

    private MockHttpServletResponse send(String key, String path, String header) throws Exception {
        ApiKeyFilter filter = new ApiKeyFilter(withKey(key), metricsFor(registry));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        if (header != null) {
            request.addHeader("X-API-Key", header);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static PinMetrics metricsFor(SimpleMeterRegistry registry) throws Exception {
        var constructor = PinMetrics.class.getDeclaredConstructor(io.micrometer.core.instrument.MeterRegistry.class);
        constructor.setAccessible(true);
        return constructor.newInstance(registry);
    }

    @Test
    void withoutAConfiguredKeyEveryRequestPasses() throws Exception {
        assertThat(send("", "/pin", null).getStatus()).isEqualTo(200);
    }

    @Test
    void withAKeyARequestWithoutItIsUnauthorized() throws Exception {
        MockHttpServletResponse response = send("s3cret", "/pin/", null);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"field\":\"X-API-Key\"");
        assertThat(registry.counter("pins.rejected", "reason", "unauthorized").count())
                .isEqualTo(1);
    }

    @Test
    void withAKeyAWrongKeyIsUnauthorized() throws Exception {
        assertThat(send("s3cret", "/pins", "s3cre").getStatus()).isEqualTo(401);
    }

    @Test
    void withAKeyTheRightKeyPasses() throws Exception {
        assertThat(send("s3cret", "/pins", "s3cret").getStatus()).isEqualTo(200);
    }

    @Test
    void healthAndDocsStayOpen() throws Exception {
        assertThat(send("s3cret", "/actuator/health", null).getStatus()).isEqualTo(200);
        assertThat(send("s3cret", "/v3/api-docs", null).getStatus()).isEqualTo(200);
    }
}
