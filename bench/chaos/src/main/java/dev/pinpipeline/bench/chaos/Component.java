package dev.pinpipeline.bench.chaos;

/** What the chaos run kills: every process of the local pipeline. */
enum Component {
    INGEST_API("ingest-api"),
    BATCH_CONSUMER_1("batch-consumer-1"),
    BATCH_CONSUMER_2("batch-consumer-2"),
    SPARK_STREAMING("spark-streaming"),
    KAFKA("kafka"),
    POSTGRES("postgresql"),
    S3("s3proxy"),
    EMULATOR_REAL("emulator-real"),
    EMULATOR_GENERATED("emulator-generated"),
    SPARK_BATCH("spark-batch"),
    /** batch-consumer-2 and spark-streaming cut off from Kafka (their network namespace's Kafka link down). */
    CUT_FROM_KAFKA("cut from kafka"),
    /** spark-streaming cut off from PostgreSQL. */
    CUT_FROM_POSTGRES("cut from postgres");

    private final String label;

    Component(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The table groups the instances of one program. */
    boolean isPartition() {
        return this == CUT_FROM_KAFKA || this == CUT_FROM_POSTGRES;
    }

    String program() {
        return switch (this) {
            case BATCH_CONSUMER_1, BATCH_CONSUMER_2 -> "batch-consumer";
            case EMULATOR_REAL, EMULATOR_GENERATED -> "user-emulator";
            default -> label;
        };
    }
}
