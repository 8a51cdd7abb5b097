import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads N events in the docs/events.md §1 format (real pins from data/real-pins, cycled; key unique_id; headers
 * event_id and ingested_at) into a new topic. Prints "records=N bytes=B" (key + value bytes, what Kafka's
 * consumer tool counts).
 *
 * <pre>java -cp CLASSPATH PreloadPins.java BOOTSTRAP TOPIC N PARTITIONS PINS_DIR</pre>
 */
public class PreloadPins {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        long n = Long.parseLong(args[2]);
        int partitions = Integer.parseInt(args[3]);
        List<String> pins = new ArrayList<>();
        try (var files = Files.list(Path.of(args[4]))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(file).stream().filter(l -> !l.isBlank()).forEach(pins::add);
            }
        }
        Pattern uniqueId = Pattern.compile("\"unique_id\": ?\"([^\"]+)\"");
        List<byte[]> keys = new ArrayList<>();
        for (String pin : pins) {
            Matcher m = uniqueId.matcher(pin);
            keys.add((m.find() ? m.group(1) : UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long bytes = 0;
        // ingested_at: one event per millisecond, ending now, as a busy ingest would have written them
        long start = Instant.now().toEpochMilli() - n;
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < n; i++) {
                int pick = (int) (i % pins.size());
                byte[] value = pins.get(pick).getBytes(StandardCharsets.UTF_8);
                Instant ingestedAt = Instant.ofEpochMilli(start + i);
                RecordHeaders headers = new RecordHeaders();
                headers.add("event_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                headers.add("ingested_at", ingestedAt.toString().getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(topic, null, ingestedAt.toEpochMilli(), keys.get(pick), value, headers));
                bytes += keys.get(pick).length + value.length;
                if ((i + 1) % 200_000 == 0) {
                    System.err.println("  loaded " + (i + 1));
                }
            }
        }
        System.out.println("records=" + n + " bytes=" + bytes);
    }
}
