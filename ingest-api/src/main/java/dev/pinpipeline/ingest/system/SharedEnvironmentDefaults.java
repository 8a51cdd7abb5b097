package dev.pinpipeline.ingest.system;

import dev.pinpipeline.events.SharedEnvironment;
import java.util.LinkedHashMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Gives the shared environment variables ({@code ${PINS_TOPIC}} etc. in application.properties) their defaults
 * from pin-events' {@link SharedEnvironment}, as the lowest property source: an environment variable, a system
 * property or a test's property wins. Registered in META-INF/spring.factories, so tests get it too.
 */
class SharedEnvironmentDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(
                new LinkedHashMap<>(SharedEnvironment.defaults()), environment.getPropertySources());
    }
}
