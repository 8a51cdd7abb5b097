package dev.pinpipeline.ingest.kafka;

import dev.pinpipeline.ingest.system.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The Kafka clients: one shared idempotent producer (settings from {@code spring.kafka.producer.*}, timeouts
 * derived from {@link IngestProperties#produceTimeout()}) and one admin client for the topic and the health check.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /**
     * Ties the producer's own timeouts to the produce timeout, so that neither a send waiting for metadata nor a
     * record waiting in the producer outlives the HTTP answer by much: the answer is a 503 after at most the
     * produce timeout (a bulk request: at most one and a half), and the producer gives the record up at about the
     * same moment. That cannot call back a produce request the broker already received: a broker that stalled
     * (paused, overloaded) may append it after the 503, hence the 503's "outcome unknown" and the Idempotency-Key.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer pinProducerTimeouts(IngestProperties properties) {
        long timeoutMs = properties.produceTimeout().toMillis();
        Map<String, Object> configs = new HashMap<>();
        configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // half the budget at most for a send() waiting on metadata or buffer space, the rest for the ack
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1, timeoutMs / 2));
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms
        configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeoutMs * 3 / 4));
        return factory -> factory.updateConfigs(configs);
    }

    @Bean
    Producer<String, byte[]> pinProducer(ProducerFactory<String, byte[]> producerFactory) {
        return producerFactory.createProducer();
    }

    @Bean
    PinPublisher pinPublisher(
            Producer<String, byte[]> pinProducer,
            IngestProperties properties,
            Clock clock,
            MeterRegistry meterRegistry) {
        return new PinPublisher(pinProducer, properties.topic(), clock, meterRegistry);
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaProperties kafkaProperties) {
        return Admin.create(kafkaProperties.buildAdminProperties());
    }
}
