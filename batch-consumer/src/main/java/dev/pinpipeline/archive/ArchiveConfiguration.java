package dev.pinpipeline.archive;

import dev.pinpipeline.archive.gzip.GzipCompression;
import dev.pinpipeline.archive.monitoring.ArchiveMetrics;
import dev.pinpipeline.archive.monitoring.ArchiveStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.actuate.info.InfoContributor;
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

    /** Resolved once, at start-up: {@code archive.gzip-library=libdeflate} without the library stops the start here. */
    @Bean
    GzipCompression gzipCompression(ArchiveProperties properties) {
        return GzipCompression.of(properties.gzipLibrary(), properties.gzipLevel());
    }

    /** {@code /actuator/info}: what this instance archives, and with which gzip. */
    @Bean
    InfoContributor archiveInfo(ArchiveProperties properties, GzipCompression gzip) {
        return info -> info.withDetail(
                "archive",
                Map.of(
                        "topic", properties.topic(),
                        "groupId", properties.groupId(),
                        "consumers", properties.consumers(),
                        "gzip", gzip.toString()));
    }

    @Bean
    ArchiveMetrics archiveMetrics(MeterRegistry registry, ArchiveProperties properties) {
        return new ArchiveMetrics(registry, properties.topic());
    }
}
