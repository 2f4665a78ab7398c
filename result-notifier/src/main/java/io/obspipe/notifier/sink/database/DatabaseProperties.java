package io.obspipe.notifier.sink.database;

import io.obspipe.notifier.sink.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the processing-log sink; the database itself is Boot's {@code spring.datasource.*}
 * (NOTIFIER_DB_URL, NOTIFIER_DB_USERNAME, NOTIFIER_DB_PASSWORD) and its schema is Flyway's.
 *
 * @param retry how the sink retries a row it could not write
 */
@Validated
@ConfigurationProperties("pipeline.notifier.sinks.database")
public record DatabaseProperties(@Valid @NotNull @NestedConfigurationProperty RetryPolicy retry) {
}
