package io.obspipe.analysis.llm;

import com.openai.core.http.Headers;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The wait a 429 answer asks for: {@code retry-after-ms} (milliseconds), else {@code retry-after} (seconds or an HTTP date). */
final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait, or null when the answer names none (the pool then cools the key down exponentially). */
    static Duration of(Headers headers) {
        Duration millis = first(headers.values("retry-after-ms"), value -> Duration.ofNanos(Math.round(Double.parseDouble(value) * 1_000_000)));
        if (millis != null) {
            return millis;
        }
        return first(headers.values("retry-after"), value -> {
            try {
                return Duration.ofNanos(Math.round(Double.parseDouble(value) * 1_000_000_000));
            } catch (NumberFormatException notSeconds) {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            }
        });
    }

    private static Duration first(List<String> values, java.util.function.Function<String, Duration> parse) {
        for (String value : values) {
            try {
                Duration wait = parse.apply(value.strip());
                if (!wait.isNegative()) {
                    return wait;
                }
            } catch (NumberFormatException | DateTimeParseException ignored) {
                // an unreadable header counts as none
            }
        }
        return null;
    }
}
