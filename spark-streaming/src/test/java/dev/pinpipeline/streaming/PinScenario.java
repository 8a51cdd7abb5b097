package dev.pinpipeline.streaming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A stream of events as ingest-api writes them (docs/events.md §1), with what makes streaming hard: the same pin
 * posted many times, late (older) events, the same event produced twice, records without headers and poison
 * records. It remembers where each record landed, and computes the expected tables in plain Java, from the
 * contract's rules for the few raw values it uses, never from the job's code.
 */
final class PinScenario {

    /** One produced record and where Kafka put it. */
    record Sent(
            String headerEventId,
            String uniqueId,
            Integer ind,
            String expectedTitle,
            Long expectedFollowers,
            List<String> expectedTags,
            String expectedCategory,
            Instant ingestedAt,
            String value,
            String expectedReason,
            String topic,
            int partition,
            long offset) {

        String eventId() {
            return headerEventId != null ? headerEventId : derivedEventId(topic, partition, offset);
        }

        boolean isPoison() {
            return expectedReason != null;
        }
    }

    /**
     * The hour the scenario's events are spread over: relative to the test's start, never a fixed date (records dated
     * a fixed day once aged past a broker's time retention and were deleted under the job).
     */
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));

    private static final String[] CATEGORIES = {"art", "diy-and-crafts", "travel", "quotes"};

    private final Random random;
    private final List<String> pins = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Map.Entry<ProducerRecord<String, String>, Sent>> previous = new ArrayList<>();
    private int sequence;

    PinScenario(long seed, int distinctPins) {
        this.random = new Random(seed);
        for (int i = 0; i < distinctPins; i++) {
            pins.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
    }

    /** Produces {@code count} records to {@code topic}, waiting for every acknowledgment. */
    void produce(KafkaProducer<String, String> producer, String topic, int count) {
        try {
            for (int i = 0; i < count; i++) {
                produceOne(producer, topic);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private void produceOne(KafkaProducer<String, String> producer, String topic)
            throws InterruptedException, ExecutionException {
        int seq = ++sequence;
        int kind = random.nextInt(100);
        if (kind < 10 && !previous.isEmpty()) {
            // The same event again, as a producer retry or an at-least-once replay upstream would write it.
            Map.Entry<ProducerRecord<String, String>, Sent> again = previous.get(random.nextInt(previous.size()));
            send(producer, again.getKey(), again.getValue());
            return;
        }
        if (kind < 16) {
            String uniqueId = pins.get(random.nextInt(pins.size()));
            String[][] poison = {
                {"this is not json", "not a JSON object"},
                {"[1,2,3]", "not a JSON object"},
                {"{\"index\":1,\"category\":\"art\"}", "missing unique_id"},
                {"{\"index\":2,\"unique_id\":\"not-a-uuid\",\"category\":\"art\"}", "unique_id is not a UUID"},
                {"{\"unique_id\":\"" + uniqueId + "\",\"category\":\"art\"}", "missing index"}
            };
            String[] chosen = poison[seq % poison.length];
            Instant at = T0.plusMillis(random.nextInt(3_600_000));
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(topic, null, at.toEpochMilli(), uniqueId, chosen[0]);
            String eventId = UUID.randomUUID().toString();
            headers(record, eventId, at);
            send(
                    producer,
                    record,
                    new Sent(eventId, null, null, null, null, null, null, at, chosen[0], chosen[1], null, 0, 0));
            return;
        }
        String uniqueId = pins.get(random.nextInt(pins.size()));
        int ind = Math.abs(uniqueId.hashCode() % 11_154);
        Instant at = T0.plusMillis(random.nextInt(3_600_000)); // random order: many events are late (older)
        String category = CATEGORIES[Math.abs(uniqueId.hashCode()) % CATEGORIES.length];
        boolean placeholderTitle = seq % 7 == 0;
        String rawTitle = placeholderTitle ? "No Title Data Available" : "  Pin " + seq + "\u00a0";
        String expectedTitle = placeholderTitle ? null : "Pin " + seq;
        String[][] followers = {
            {"\"124k\"", "124000"}, {"\"437\"", "437"}, {"\"User Info Error\"", null}, {"\"1.5k\"", "1500"}, {"7", "7"}
        };
        String[] follower = followers[seq % followers.length];
        String value = "{\"index\":" + ind
                + ",\"unique_id\":\"" + (seq % 5 == 0 ? uniqueId.toUpperCase(Locale.ROOT) : uniqueId) + "\""
                + ",\"title\":\"" + rawTitle + "\""
                + ",\"follower_count\":" + follower[0]
                + ",\"tag_list\":\"Fun Crafts, Kids ,,Summer\""
                + ",\"category\":\"" + (seq % 3 == 0 ? category.toUpperCase(Locale.ROOT) : category) + "\"}";
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, at.toEpochMilli(), uniqueId, value);
        boolean withHeaders = seq % 20 != 0; // another producer's record: ids derived from its coordinates
        String eventId = withHeaders ? UUID.randomUUID().toString() : null;
        if (withHeaders) {
            headers(record, eventId, at);
        }
        Sent planned = new Sent(
                eventId,
                uniqueId,
                ind,
                expectedTitle,
                follower[1] == null ? null : Long.parseLong(follower[1]),
                List.of("Fun Crafts", "Kids", "Summer"),
                category,
                at,
                value,
                null,
                null,
                0,
                0);
        send(producer, record, planned);
        previous.add(Map.entry(record, planned));
    }

    private void send(KafkaProducer<String, String> producer, ProducerRecord<String, String> record, Sent planned)
            throws InterruptedException, ExecutionException {
        Future<RecordMetadata> ack = producer.send(record);
        RecordMetadata metadata = ack.get();
        sent.add(new Sent(
                planned.headerEventId(),
                planned.uniqueId(),
                planned.ind(),
                planned.expectedTitle(),
                planned.expectedFollowers(),
                planned.expectedTags(),
                planned.expectedCategory(),
                planned.ingestedAt(),
                planned.value(),
                planned.expectedReason(),
                metadata.topic(),
                metadata.partition(),
                metadata.offset()));
    }

    private static void headers(ProducerRecord<String, String> record, String eventId, Instant at) {
        record.headers().add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ingested_at", at.toString().getBytes(StandardCharsets.UTF_8));
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    // ---- the expectation, in the shape PostgresTables reads ----

    /** pin_events: one row per event id, the first record of that id (the lowest offset). */
    Map<String, String> expectedEvents() {
        Map<String, String> rows = new TreeMap<>();
        for (Sent s : sent) {
            if (!s.isPoison()) {
                rows.putIfAbsent(
                        s.eventId(),
                        PostgresTables.eventRow(
                                s.uniqueId(),
                                s.ind(),
                                s.expectedTitle(),
                                s.expectedFollowers(),
                                s.expectedTags(),
                                s.expectedCategory(),
                                s.ingestedAt(),
                                s.partition(),
                                s.offset()));
            }
        }
        return rows;
    }

    /**
     * pins: per unique_id the event with the latest ingested_at, ties by the higher offset; an event produced twice
     * with the same event_id counts once, as its first record (a later copy never reaches pins).
     */
    Map<String, String> expectedPins() {
        Map<String, Sent> firstPerEventId = new LinkedHashMap<>();
        for (Sent s : sent) {
            if (!s.isPoison()) {
                firstPerEventId.putIfAbsent(s.eventId(), s);
            }
        }
        Map<String, Sent> latest = new LinkedHashMap<>();
        for (Sent s : firstPerEventId.values()) {
            latest.merge(s.uniqueId(), s, (kept, candidate) -> {
                int byTime = candidate.ingestedAt().compareTo(kept.ingestedAt());
                boolean newer = byTime > 0
                        || byTime == 0
                                && (candidate.offset() > kept.offset()
                                        || candidate.offset() == kept.offset()
                                                && candidate.partition() > kept.partition());
                return newer ? candidate : kept;
            });
        }
        Map<String, String> rows = new TreeMap<>();
        latest.forEach((uniqueId, s) -> rows.put(
                uniqueId,
                PostgresTables.pinRow(s.eventId(), s.expectedTitle(), s.ingestedAt(), s.partition(), s.offset())));
        return rows;
    }

    /** The events pin_events holds (the first record of each event id), as the views group them. */
    List<PostgresTables.ViewEvent> expectedViewEvents() {
        Map<String, Sent> firstPerEventId = new LinkedHashMap<>();
        for (Sent s : sent) {
            if (!s.isPoison()) {
                firstPerEventId.putIfAbsent(s.eventId(), s);
            }
        }
        return firstPerEventId.values().stream()
                .map(s -> new PostgresTables.ViewEvent(s.expectedCategory(), s.ingestedAt(), s.uniqueId()))
                .toList();
    }

    /** pin_post_counts for this scenario's pins: events per unique_id, the first and last ingested_at. */
    Map<String, String> expectedPostCounts() {
        Map<String, List<Instant>> times = new TreeMap<>();
        for (PostgresTables.ViewEvent event : expectedViewEvents()) {
            times.computeIfAbsent(event.uniqueId(), id -> new ArrayList<>()).add(event.ingestedAt());
        }
        Map<String, String> rows = new TreeMap<>();
        times.forEach((uniqueId, at) -> rows.put(
                uniqueId,
                PostgresTables.postCountRow(
                        at.size(),
                        at.stream().min(Instant::compareTo).orElseThrow(),
                        at.stream().max(Instant::compareTo).orElseThrow())));
        return rows;
    }

    /**
     * category_minute_counts over this scenario's events and {@code others} (other tests' rows in the shared
     * database): per category and UTC minute, the events and the distinct pins.
     */
    static Map<String, String> expectedCategoryMinuteCounts(List<PostgresTables.ViewEvent> events) {
        Map<String, List<String>> pinsPerMinute = new TreeMap<>();
        for (PostgresTables.ViewEvent event : events) {
            String key = event.category() + " | " + event.ingestedAt().truncatedTo(ChronoUnit.MINUTES);
            pinsPerMinute.computeIfAbsent(key, k -> new ArrayList<>()).add(event.uniqueId());
        }
        Map<String, String> rows = new TreeMap<>();
        pinsPerMinute.forEach((key, pins) -> rows.put(key, pins.size() + " | " + new java.util.HashSet<>(pins).size()));
        return rows;
    }

    /** pin_rejects: topic/partition/offset → reason. */
    Map<String, String> expectedRejects() {
        Map<String, String> rows = new TreeMap<>();
        for (Sent s : sent) {
            if (s.isPoison()) {
                rows.put(s.topic() + "/" + s.partition() + "/" + s.offset(), s.expectedReason() + " | " + s.value());
            }
        }
        return rows;
    }

    /** docs/events.md §1: the MD5 of topic/partition/offset written as a lower-case UUID. */
    static String derivedEventId(String topic, int partition, long offset) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5")
                    .digest((topic + "/" + partition + "/" + offset).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(md5);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
