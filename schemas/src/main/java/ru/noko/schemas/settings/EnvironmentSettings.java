package ru.noko.schemas.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings read from environment variables (the job, the commands): a blank variable is an absent one, values are
 * stripped, and a value that does not parse names its variable. One reader, so every part treats {@code NOKO_*} alike.
 */
public record EnvironmentSettings(Map<String, String> environment) {

    public static EnvironmentSettings ofSystem() {
        return new EnvironmentSettings(System.getenv());
    }

    /** The variable's value, or {@code fallback} when it is unset or blank. */
    public String text(String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** The variable parsed; a value that does not parse is an error naming the variable and the value. */
    public <T> T value(String name, String fallback, Function<String, T> parser) {
        String text = text(name, fallback);
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " has a bad value '" + text + "': " + e.getMessage(), e);
        }
    }

    public int integer(String name, int fallback) {
        return value(name, String.valueOf(fallback), Integer::parseInt);
    }

    /** 500ms, 10s, 5m, 1h, or ISO-8601 (PT10S). */
    public static Duration duration(String text) {
        try {
            if (text.startsWith("P")) {
                return Duration.parse(text);
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 10s, 5m or PT10S");
        }
    }
}
