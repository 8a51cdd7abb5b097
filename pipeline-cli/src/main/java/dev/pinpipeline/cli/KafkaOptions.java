package dev.pinpipeline.cli;

import picocli.CommandLine.Option;

/** The Kafka cluster and the pins topic, from the shared environment variables unless given on the command line. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS).")
    public String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "${env:PINS_TOPIC:-PinterestTopic}",
            description = "The pins topic (env PINS_TOPIC).")
    public String topic;
}
