package dev.pinpipeline.bench.chaos;

import dev.pinpipeline.bench.chaos.ArchiveLines.ArchiveLine;
import dev.pinpipeline.bench.chaos.KafkaRecords.KafkaRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The end-of-run verdict, computed from what an outside reader sees (the poster's receipts, every Kafka record,
 * every archive line, the PostgreSQL rows), never from the code under test:
 * <ul>
 *   <li>every acknowledged pin is in Kafka, at the partition and offset of its receipt, with its event id;</li>
 *   <li>every Kafka record is archived exactly once (by partition and offset);</li>
 *   <li>pin_events holds one row per event (event = event_id; records repeating an event_id are one event),
 *       rejected records aside;</li>
 *   <li>pins holds, for each pin, its latest event by ingested_at, ties broken by the highest offset;</li>
 *   <li>each day's daily_summary counts the archive's distinct events of that day, and (when nothing was rejected)
 *       its distinct pins.</li>
 * </ul>
 */
final class IndependentCheck {

    record Verdict(long acknowledged, long kafka, long archived, long pinEvents, long lostAcks, long unarchived,
                   long archivedTwice, long missingEvents, long unexpectedEvents, long wrongPins, List<String> problems) {

        long lost() {
            return lostAcks + unarchived + missingEvents;
        }

        long doubled() {
            return archivedTwice + unexpectedEvents;
        }

        boolean passed() {
            return lost() == 0 && doubled() == 0 && wrongPins == 0 && problems.isEmpty();
        }
    }

    static Verdict check(Map<String, AckPoster.Ack> acks, List<KafkaRecord> records, List<ArchiveLine> archive,
                         DatabaseRows db) {
        List<String> problems = new ArrayList<>();
        Map<String, KafkaRecord> byCoordinates = new HashMap<>();
        for (KafkaRecord r : records) {
            byCoordinates.put(coordinates(r.partition(), r.offset()), r);
        }

        long lostAcks = acks.values().stream().filter(ack -> {
            KafkaRecord r = byCoordinates.get(coordinates(ack.partition(), ack.offset()));
            return r == null || !ack.eventId().equals(r.eventId());
        }).count();

        Map<String, Long> archivedCount = archive.stream()
                .collect(Collectors.groupingBy(l -> coordinates(l.partition(), l.offset()), Collectors.counting()));
        long unarchived = byCoordinates.keySet().stream().filter(k -> !archivedCount.containsKey(k)).count();
        long archivedTwice = archivedCount.values().stream().mapToLong(n -> n - 1).sum();
        long strangers = archivedCount.keySet().stream().filter(k -> !byCoordinates.containsKey(k)).count();
        if (strangers > 0) {
            problems.add(strangers + " archive lines name no Kafka record");
        }

        // An event is its first record (lowest offset; one event_id always comes with one key, so one partition).
        Map<String, KafkaRecord> events = new HashMap<>();
        records.stream().sorted(Comparator.comparingLong(KafkaRecord::offset))
                .forEach(r -> events.putIfAbsent(r.eventId(), r));
        Map<String, KafkaRecord> cleanEvents = new HashMap<>();
        events.forEach((id, r) -> {
            if (!db.rejectedCoordinates().contains(coordinates(r.partition(), r.offset()))) {
                cleanEvents.put(id, r);
            }
        });
        Set<String> rows = new HashSet<>(db.pinEventIds());
        long missingEvents = cleanEvents.keySet().stream().filter(id -> !rows.contains(id)).count();
        long unexpectedEvents = db.pinEventIds().size() - rows.size()
                + rows.stream().filter(id -> !cleanEvents.containsKey(id)).count();

        Map<String, KafkaRecord> latest = new HashMap<>();
        Comparator<KafkaRecord> order = Comparator.comparing(KafkaRecord::ingestedAt)
                .thenComparingLong(KafkaRecord::offset);
        for (KafkaRecord r : cleanEvents.values()) {
            latest.merge(r.key(), r, (a, b) -> order.compare(a, b) >= 0 ? a : b);
        }
        long wrongPins = latest.entrySet().stream()
                .filter(e -> !e.getValue().eventId().equals(db.pinsEventId().get(e.getKey()))).count()
                + db.pinsEventId().keySet().stream().filter(id -> !latest.containsKey(id)).count();

        Map<String, Set<String>> archivedEventsByDay = new HashMap<>();
        Map<String, Set<String>> archivedPinsByDay = new HashMap<>();
        for (ArchiveLine line : archive) {
            archivedEventsByDay.computeIfAbsent(line.day(), d -> new HashSet<>()).add(line.eventId());
            KafkaRecord r = byCoordinates.get(coordinates(line.partition(), line.offset()));
            if (r != null) {
                archivedPinsByDay.computeIfAbsent(line.day(), d -> new HashSet<>()).add(r.key());
            }
        }
        if (db.dailySummaries().isEmpty()) {
            problems.add("spark-batch wrote no daily_summary");
        }
        db.dailySummaries().forEach((day, summary) -> {
            int expected = archivedEventsByDay.getOrDefault(day, Set.of()).size();
            if (summary.events() != expected) {
                problems.add("daily_summary " + day + ": " + summary.events() + " events, the archive holds "
                        + expected + " distinct events that day");
            }
            int pins = archivedPinsByDay.getOrDefault(day, Set.of()).size();
            if (summary.rejects() == 0 && summary.distinctPins() != pins) {
                problems.add("daily_summary " + day + ": " + summary.distinctPins() + " distinct pins, the archive holds "
                        + pins + " that day");
            }
            if (summary.cleaned() + summary.rejects() != summary.events()) {
                problems.add("daily_summary " + day + ": cleaned + rejects != events");
            }
        });

        return new Verdict(acks.size(), records.size(), archivedCount.size(), db.pinEventIds().size(), lostAcks,
                unarchived, archivedTwice, missingEvents, unexpectedEvents, wrongPins, problems);
    }

    private static String coordinates(int partition, long offset) {
        return partition + "/" + offset;
    }

    private IndependentCheck() {
    }
}
