package dev.pinpipeline.ingest.system;

import dev.pinpipeline.ingest.pin.PinMetrics;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Servlet-level wiring: the API key check in front of the pin endpoints, and Tomcat's own errors as problems. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(IngestProperties properties, PinMetrics metrics) {
        FilterRegistrationBean<ApiKeyFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyFilter(properties, metrics));
        registration.addUrlPatterns("/pin", "/pin/*", "/pins", "/pins/*");
        return registration;
    }

    /**
     * Replaces Tomcat's HTML error report (Spring Boot adds one to the host) with {@link ProblemErrorReportValve}.
     * This customizer has no order, so it runs after Spring Boot's; the host is told the valve's class, or it would
     * add its default HTML valve again when it starts.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(
            PinMetrics metrics, ServerProperties server) {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ProblemErrorReportValve(metrics, server.getMaxHttpRequestHeaderSize()));
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        });
    }
}
