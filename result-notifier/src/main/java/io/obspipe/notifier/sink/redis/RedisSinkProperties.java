package io.obspipe.notifier.sink.redis;

import io.obspipe.notifier.sink.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the Redis sink; the connection is Boot's {@code spring.data.redis.*} (REDIS_URL, NOTIFIER_REDIS_TIMEOUT).
 *
 * @param keyPrefix start of every key the sink writes
 * @param ttl       how long an object's latest result is kept after it was written; 0 = for ever
 * @param channel   pub/sub channel that gets every result's JSON
 * @param retry     how the sink retries a result it could not write
 */
@Validated
@ConfigurationProperties("pipeline.notifier.sinks.redis")
public record RedisSinkProperties(
        @NotNull String keyPrefix,
        @NotNull @DurationMin(millis = 0, message = "NOTIFIER_REDIS_TTL must not be negative (0 keeps results for ever)") Duration ttl,
        @NotBlank(message = "NOTIFIER_REDIS_CHANNEL must not be blank") String channel,
        @Valid @NotNull @NestedConfigurationProperty RetryPolicy retry) {
}
