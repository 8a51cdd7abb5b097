package dev.pinpipeline.ingest.system;

import dev.pinpipeline.ingest.pin.PinJson;
import dev.pinpipeline.ingest.pin.PinValidator;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared plain objects: the clock (replaced in tests) and the pin reader and validator. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PinJson pinJson() {
        return new PinJson();
    }

    @Bean
    PinValidator pinValidator() {
        return new PinValidator();
    }
}
