package dev.pinpipeline.ingest.system;

import dev.pinpipeline.ingest.pin.PinMetrics;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Servlet-level wiring: the API key check in front of the pin endpoints. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(IngestProperties properties, PinMetrics metrics) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(properties, metrics));
		registration.addUrlPatterns("/pin", "/pin/*", "/pins", "/pins/*");
		return registration;
	}

}
