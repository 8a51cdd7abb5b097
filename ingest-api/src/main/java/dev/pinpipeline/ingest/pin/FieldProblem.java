package dev.pinpipeline.ingest.pin;

/**
 * What is wrong with one field (or header) of a request, as listed in a problem body's {@code errors}.
 *
 * @param field the JSON field name as sent (or the header name)
 * @param message what the field must be, in words a client developer can act on
 */
public record FieldProblem(String field, String message) {}
