package dev.pinpipeline.archive.consumer;

import dev.pinpipeline.archive.ArchiveProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dead-letter producer and the admin client, from Boot's {@code spring.kafka.*} settings. */
@Configuration(proxyBeanMethods = false)
class KafkaClientsConfiguration {

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> deadLetterProducer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "batch-consumer-dlq");
        return new KafkaProducer<>(config);
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(Producer<byte[], byte[]> deadLetterProducer, ArchiveProperties properties) {
        return new DeadLetterPublisher(deadLetterProducer, properties.deadLetterTopicName());
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaProperties kafka) {
        return Admin.create(kafka.buildAdminProperties());
    }
}
