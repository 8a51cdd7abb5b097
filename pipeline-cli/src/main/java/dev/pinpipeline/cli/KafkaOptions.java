package dev.pinpipeline.cli;

import static dev.pinpipeline.events.SharedEnvironment.KAFKA_BOOTSTRAP_SERVERS;
import static dev.pinpipeline.events.SharedEnvironment.KAFKA_BOOTSTRAP_SERVERS_DEFAULT;
import static dev.pinpipeline.events.SharedEnvironment.PINS_TOPIC;
import static dev.pinpipeline.events.SharedEnvironment.PINS_TOPIC_DEFAULT;

import picocli.CommandLine.Option;

/** The Kafka cluster and the pins topic, from the shared environment variables unless given on the command line. */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,…]",
            defaultValue = "${env:" + KAFKA_BOOTSTRAP_SERVERS + ":-" + KAFKA_BOOTSTRAP_SERVERS_DEFAULT + "}",
            description = "Kafka bootstrap servers (env " + KAFKA_BOOTSTRAP_SERVERS + ").")
    public String bootstrapServers;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "${env:" + PINS_TOPIC + ":-" + PINS_TOPIC_DEFAULT + "}",
            description = "The pins topic (env " + PINS_TOPIC + ").")
    public String topic;
}
