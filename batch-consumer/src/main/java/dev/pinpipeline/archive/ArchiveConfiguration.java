package dev.pinpipeline.archive;

import dev.pinpipeline.archive.monitoring.ArchiveMetrics;
import dev.pinpipeline.archive.monitoring.ArchiveStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ArchiveConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ArchiveStatus archiveStatus() {
        return new ArchiveStatus();
    }

    @Bean
    ArchiveMetrics archiveMetrics(MeterRegistry registry, ArchiveProperties properties) {
        return new ArchiveMetrics(registry, properties.topic());
    }
}
