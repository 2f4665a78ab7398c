package io.obspipe.platform.storage;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param timeout how long startup waits for an object store that does not answer before failing (OBS_STARTUP_TIMEOUT,
 *                mapped in the worker's application.yml)
 */
@Validated
@ConfigurationProperties("pipeline.obs.startup")
public record StorageStartupProperties(@NotNull @DefaultValue("30s") Duration timeout) {
}
