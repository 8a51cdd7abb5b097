package dev.pinpipeline.archive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Archives the pins topic to S3: {@code raw/{topic}/dt=YYYY-MM-DD/hr=HH/{topic}+{partition}+{first offset}.jsonl.gz}.
 *
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS=localhost:9092 S3_ENDPOINT=http://localhost:9000 S3_BUCKET=pinterestdata \
 *   java -jar batch-consumer/target/batch-consumer-0.1.0-SNAPSHOT.jar
 * </pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatchConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(BatchConsumerApplication.class, args);
    }
}
