package dev.pinpipeline.emulator.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a {@code POST /pins} answer says about each pin of the request, read tolerantly. ingest-api answers
 * {@code {"accepted":N,"rejected":M,"unavailable":U,"results":[{"item":i,"status":…,"errors":[…],"message":…}]}}
 * where {@code item} (or {@code index}) is the pin's position in the request, and {@code status} is
 * {@code accepted}, {@code rejected}, {@code unavailable} (Kafka did not acknowledge it: send it again; the answer
 * is then a 503) or {@code failed} (Kafka refused the record itself: sending it again will not help, so it counts
 * as rejected). Any other status is sent again. Pins the results do not mention count as the answer's status
 * says: accepted for a 2xx, rejected otherwise; without results, the counts are used.
 *
 * <p>A request sent again whole (after a partial 503) is answered for all its pins again: only the positions still
 * open are read then, so that no pin is counted twice.
 *
 * @param accepted pins accepted, among the positions read
 * @param rejected pins rejected, among the positions read
 * @param retry positions of the pins to send again
 * @param reasons a few rejection reasons, for the operator
 */
record BulkAnswer(int accepted, int rejected, List<Integer> retry, List<String> reasons) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REASONS = 3;

    /** Whether the body answers pin by pin (then a 503 is a partial answer, not a request to resend it all). */
    public static boolean hasResults(String body) {
        JsonNode root = parse(body);
        return root != null && results(root) != null;
    }

    /** What the answer says about every pin of a request of {@code pins} pins. */
    public static BulkAnswer read(int status, String body, int pins) {
        return read(status, body, pins, IntStream.range(0, pins).boxed().toList());
    }

    /** What the answer says about the pins at {@code positions} of a request of {@code pins} pins. */
    public static BulkAnswer read(int status, String body, int pins, List<Integer> positions) {
        boolean success = status >= 200 && status < 300;
        JsonNode root = parse(body);
        JsonNode results = root == null ? null : results(root);
        if (results != null) {
            return fromResults(results, pins, positions, success);
        }
        int count = positions.size();
        if (root != null && root.isObject() && root.path("rejected").isIntegralNumber()) {
            int rejected = Math.min(count, Math.max(0, root.get("rejected").asInt()));
            return new BulkAnswer(count - rejected, rejected, List.of(), List.of());
        }
        return success
                ? new BulkAnswer(count, 0, List.of(), List.of())
                : new BulkAnswer(0, count, List.of(), List.of(ProblemText.of(status, body)));
    }

    private static JsonNode results(JsonNode root) {
        JsonNode results = root.isArray() ? root : root.get("results");
        return results != null && results.isArray() ? results : null;
    }

    private static BulkAnswer fromResults(JsonNode results, int pins, List<Integer> positions, boolean success) {
        char[] outcome = new char[pins]; // 'a' accepted, 'r' rejected, 't' send again, 0 not mentioned
        String[] rejection = new String[pins];
        for (JsonNode result : results) {
            JsonNode position = result.has("item") ? result.get("item") : result.get("index");
            if (position == null || !position.isIntegralNumber() || position.asInt() < 0 || position.asInt() >= pins) {
                continue;
            }
            int i = position.asInt();
            String status = result.path("status").asString("").toLowerCase(Locale.ROOT);
            switch (status) {
                case "accepted", "ok", "created", "success" -> outcome[i] = 'a';
                case "rejected", "invalid", "failed" -> {
                    outcome[i] = 'r';
                    rejection[i] = "#" + i + " " + status + ": " + reason(result);
                }
                default -> outcome[i] = 't';
            }
        }
        int accepted = 0;
        int rejected = 0;
        List<Integer> retry = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i : positions) {
            char pin = outcome[i] == 0 ? (success ? 'a' : 'r') : outcome[i];
            switch (pin) {
                case 'a' -> accepted++;
                case 'r' -> {
                    rejected++;
                    if (rejection[i] != null && reasons.size() < MAX_REASONS) {
                        reasons.add(rejection[i]);
                    }
                }
                default -> retry.add(i);
            }
        }
        return new BulkAnswer(accepted, rejected, List.copyOf(retry), List.copyOf(reasons));
    }

    private static String reason(JsonNode result) {
        String message = result.path("message").asString("");
        JsonNode errors = result.get("errors");
        String errorText = errors == null || errors.isEmpty() ? "" : errors.toString();
        return (message + " " + errorText).strip();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
