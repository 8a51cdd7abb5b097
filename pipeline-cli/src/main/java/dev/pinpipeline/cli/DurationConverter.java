package dev.pinpipeline.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one duration format of the pipeline's tools: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}, {@code 2d},
 * ISO-8601 ({@code PT30S}), or a bare number of seconds. Never negative.
 *
 * <pre>
 * &#64;Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class) Duration timeout;
 * </pre>
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SECONDS = Pattern.compile("\\d+");
    private static final Pattern PARTS = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        Duration duration = parse(value.strip().toLowerCase(Locale.ROOT), value);
        if (duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative: a duration is 0 or more");
        }
        return duration;
    }

    private static Duration parse(String text, String value) {
        try {
            if (SECONDS.matcher(text).matches()) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            if (PARTS.matcher(text).matches()) {
                return sumOfParts(text);
            }
            if (text.startsWith("p") || text.startsWith("-p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException notIsoOrTooLong) {
            // the same answer as for any other text that is not a duration
        }
        throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 30s, 5m, 1h30m, PT30S)");
    }

    private static Duration sumOfParts(String text) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        return total;
    }
}
