package dev.pinpipeline.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The ingest API: takes raw pins over HTTP and produces them to Kafka, answering only after the broker's ack.
 *
 * <pre>KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 java -jar ingest-api/target/ingest-api-0.1.0-SNAPSHOT.jar</pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApiApplication.class, args);
    }
}
