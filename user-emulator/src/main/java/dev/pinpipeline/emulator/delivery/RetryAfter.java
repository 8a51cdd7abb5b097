package dev.pinpipeline.emulator.delivery;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
final class RetryAfter {

    private RetryAfter() {}

    /** The delay the server asked for, capped; null when it asked for none (or in a form not understood). */
    static Duration of(HttpResponse<?> response, Duration cap) {
        if (response == null) {
            return null;
        }
        return response.headers()
                .firstValue("Retry-After")
                .map(value -> parse(value.strip(), Instant.now()))
                .map(delay -> delay.compareTo(cap) > 0 ? cap : delay)
                .orElse(null);
    }

    static Duration parse(String value, Instant now) {
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration delay = Duration.between(now, at);
            return delay.isNegative() ? Duration.ZERO : delay;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
