package dev.pinpipeline.emulator;

import static dev.pinpipeline.emulator.FakeIngestApi.Fault.DROP_AFTER_STORING;
import static dev.pinpipeline.emulator.FakeIngestApi.Fault.DROP_BEFORE_STORING;
import static dev.pinpipeline.emulator.FakeIngestApi.Fault.FAIL_SOME_RECORDS;
import static dev.pinpipeline.emulator.FakeIngestApi.Fault.FAIL_SOME_RECORDS_LATE;
import static dev.pinpipeline.emulator.FakeIngestApi.Fault.NONE;
import static dev.pinpipeline.emulator.FakeIngestApi.Fault.UNAUTHORIZED;
import static dev.pinpipeline.emulator.FakeIngestApi.Fault.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.emulator.source.PinFiles;
import dev.pinpipeline.emulator.source.ShuffledReplay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole command against an in-process API that fails on purpose: nothing lost, nothing doubled (a pin the API
 * stored twice is one event when both records carry the same event id, as {@link FakeIngestApi#events()} counts).
 */
class UserEmulatorDeliveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] FAST_RETRIES = {"--rate", "0", "--max-backoff", "50ms", "--no-progress"};

    private FakeIngestApi api;

    @BeforeEach
    void startApi() throws Exception {
        api = new FakeIngestApi();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void everyPinArrivesExactlyOnceThrough503sAndDroppedConnections() {
        // From the 40th request the API is down for 1.5 s (Kafka gone); besides, every 7th request gets a 503 and
        // every 11th connection is cut before the pin is stored.
        AtomicLong downUntil = new AtomicLong();
        api.faults(request -> {
            if (request == 40) {
                downUntil.set(System.nanoTime() + 1_500_000_000L);
            }
            boolean down = request >= 40 && System.nanoTime() - downUntil.get() < 0;
            return down || request % 7 == 0 ? UNAVAILABLE : request % 11 == 0 ? DROP_BEFORE_STORING : NONE;
        });

        EmulatorRun run = run("--count", "300", "--seed", "1", "--concurrency", "8");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(api.stored()).containsExactlyInAnyOrderElementsOf(firstSamplePins(1, 300));
        assertThat(run.summary("accepted")).isEqualTo(300);
        assertThat(run.summary("lost")).isZero();
        assertThat(run.summary("retries")).isGreaterThan(40);
        assertThat(run.err()).contains("ingest-api unavailable", "accepting pins again");
    }

    @Test
    void pinsAreSentExactlyAsInTheSample() {
        EmulatorRun run = run("--count", "1077", "--seed", "3", "--concurrency", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(api.storedBodies()).containsExactlyInAnyOrderElementsOf(PinFiles.realSample());
    }

    @Test
    void aPinWhoseAnswerWasLostIsStoredTwiceButAsOneEvent() {
        api.faults(request -> request % 4 == 0 ? DROP_AFTER_STORING : NONE);

        EmulatorRun run = run("--count", "40", "--seed", "2", "--concurrency", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new HashSet<>(api.stored())).isEqualTo(new HashSet<>(firstSamplePins(2, 40)));
        assertThat(api.stored()).hasSizeGreaterThan(40);
        assertThat(api.events()).containsExactlyInAnyOrderElementsOf(firstSamplePins(2, 40));
        assertThat(run.summary("accepted")).isEqualTo(40);
    }

    @Test
    void everyRetryOfAPostCarriesItsIdempotencyKeyAndEveryPostHasItsOwn() {
        api.faults(request -> request % 2 == 1 ? UNAVAILABLE : NONE); // each post: a 503, then its retry succeeds

        EmulatorRun run = run("--count", "20", "--seed", "8", "--concurrency", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<FakeIngestApi.Sent> sent = api.sent();
        assertThat(sent).hasSize(40);
        for (int post = 0; post < 20; post++) {
            assertThat(sent.get(2 * post + 1)).as("the retry of post %d", post).isEqualTo(sent.get(2 * post));
        }
        assertThat(sent)
                .extracting(FakeIngestApi.Sent::idempotencyKey)
                .allMatch(key -> key.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))
                .doesNotContainNull();
        assertThat(sent.stream().map(FakeIngestApi.Sent::idempotencyKey).distinct())
                .hasSize(20);
    }

    @Test
    void aBulkRequestWithPinsNotStoredIsSentAgainWholeWithItsIdempotencyKey() {
        api.faults(request -> request == 1 ? FAIL_SOME_RECORDS : NONE);

        EmulatorRun run = run("--count", "30", "--bulk-size", "10", "--seed", "9", "--concurrency", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<FakeIngestApi.Sent> sent = api.sent();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(1)).as("the first request, sent again").isEqualTo(sent.get(0));
        assertThat(sent.stream().skip(1).map(FakeIngestApi.Sent::idempotencyKey).distinct())
                .hasSize(3);
        assertThat(api.events()).containsExactlyInAnyOrderElementsOf(firstSamplePins(9, 30));
        assertThat(run.summary("accepted")).isEqualTo(30);
    }

    @Test
    void bulkModeSplitsTheStreamIntoRequestsOfBulkSize() {
        EmulatorRun run = run("--count", "1010", "--bulk-size", "40", "--seed", "4", "--concurrency", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Integer> sizes = new ArrayList<>(api.bulkSizes());
        assertThat(sizes).hasSize(26);
        Map<Integer, Long> requestsBySize =
                sizes.stream().collect(Collectors.groupingBy(size -> size, TreeMap::new, Collectors.counting()));
        assertThat(requestsBySize).isEqualTo(Map.of(10, 1L, 40, 25L));
        assertThat(api.stored()).containsExactlyInAnyOrderElementsOf(firstSamplePins(4, 1010));
        assertThat(run.summary("accepted")).isEqualTo(1010);
    }

    @Test
    void bulkModeSurvives503sDroppedConnectionsAndPerRecordFailures() {
        api.faults(request -> switch (request % 8) {
            case 1 -> UNAVAILABLE;
            case 2 -> DROP_BEFORE_STORING;
            case 3 -> FAIL_SOME_RECORDS;
            case 4 -> DROP_AFTER_STORING;
            case 5 -> FAIL_SOME_RECORDS_LATE;
            default -> NONE;
        });

        EmulatorRun run = run("--count", "600", "--bulk-size", "25", "--seed", "5", "--concurrency", "6");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(api.stored()).as("records").hasSizeGreaterThan(600);
        assertThat(api.events()).containsExactlyInAnyOrderElementsOf(firstSamplePins(5, 600));
        assertThat(run.summary("accepted")).isEqualTo(600);
        assertThat(run.summary("lost")).isZero();
    }

    @Test
    void bulkRequestsTheApiFindsTooLargeAreSentInHalves() {
        api.maxBulkSize(30);

        EmulatorRun run = run("--count", "200", "--bulk-size", "100", "--seed", "6");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(api.bulkSizes()).containsOnly(25);
        assertThat(api.stored()).containsExactlyInAnyOrderElementsOf(firstSamplePins(6, 200));
    }

    @Test
    void rejectionsAreCountedAndNotRetried() {
        api.rejectCategory("tattoos");
        List<String> pins = firstSamplePinBodies(7, 200);
        long tattoos = pins.stream()
                .filter(pin -> JSON.readTree(pin).path("category").asString().equals("tattoos"))
                .count();

        EmulatorRun single = run("--count", "200", "--seed", "7");
        int singleRequests = api.requests();
        EmulatorRun bulk = run("--count", "200", "--seed", "7", "--bulk-size", "50");

        assertThat(tattoos).isPositive();
        assertThat(single.exitCode()).as(single.err()).isZero();
        assertThat(single.summary("rejected")).isEqualTo(tattoos);
        assertThat(single.summary("accepted")).isEqualTo(200 - tattoos);
        assertThat(singleRequests).isEqualTo(200);
        assertThat(single.err()).contains("rejected 1 pin: HTTP 422: category refused");
        assertThat(bulk.summary("rejected")).isEqualTo(tattoos);
        assertThat(bulk.summary("accepted")).isEqualTo(200 - tattoos);
        assertThat(api.requests()).isEqualTo(200 + 4);
    }

    @Test
    void pinsAreLostOnlyWhenRetriesRunOutAndTheExitCodeSaysSo() {
        api.faults(request -> UNAVAILABLE);

        EmulatorRun run = run("--count", "5", "--retry-for", "1s", "--concurrency", "5");

        assertThat(run.exitCode()).isEqualTo(UserEmulator.LOST);
        assertThat(run.summary("lost")).isEqualTo(5);
        assertThat(run.summary("accepted")).isZero();
        assertThat(run.err()).contains("LOST 1 pin: gave up after retrying for 1 s: HTTP 503: Kafka is unavailable");
    }

    @Test
    void aRefusedApiKeyStopsTheRunWithExitCode3() {
        api.faults(request -> UNAUTHORIZED);

        EmulatorRun run = run("--api-key", "wrong", "--concurrency", "2");

        assertThat(run.exitCode()).isEqualTo(UserEmulator.FATAL);
        assertThat(run.err()).contains("the API key is missing or wrong");
        assertThat(api.requests()).isLessThan(50);
    }

    private EmulatorRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", api.url()));
        all.addAll(List.of(FAST_RETRIES));
        all.addAll(List.of(args));
        return EmulatorRun.of(all.toArray(String[]::new));
    }

    private static List<String> firstSamplePinBodies(long seed, int count) {
        ShuffledReplay replay = new ShuffledReplay(PinFiles.realSample(), seed, "sample");
        List<String> pins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pins.add(replay.next());
        }
        return pins;
    }

    /** The first pins the emulator sends for this seed, in {@link FakeIngestApi#canonical(String)} form. */
    private static List<String> firstSamplePins(long seed, int count) {
        return firstSamplePinBodies(seed, count).stream()
                .map(FakeIngestApi::canonical)
                .toList();
    }
}
