package dev.pinpipeline.emulator.delivery;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A one-line account of an error answer: the status and, from an RFC 9457 problem body, its detail. */
final class ProblemText {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_LENGTH = 200;

    private ProblemText() {}

    static String of(int status, String body) {
        String text = "HTTP " + status;
        String detail = detail(body);
        if (!detail.isEmpty()) {
            text += ": " + detail;
        }
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
    }

    private static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.isObject()) {
                String detail = problem.path("detail").asString("");
                String title = problem.path("title").asString("");
                JsonNode errors = problem.get("errors");
                String text = !detail.isEmpty() ? detail : title;
                return errors != null && !errors.isEmpty() ? text + " " + errors : text;
            }
        } catch (JacksonException e) {
            // not JSON: show the start of the text
        }
        return body.strip().replaceAll("\\s+", " ");
    }
}
