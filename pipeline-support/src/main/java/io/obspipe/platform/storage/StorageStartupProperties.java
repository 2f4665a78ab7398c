package io.obspipe.platform.storage;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param timeout how long startup waits for an object store that does not answer before failing with a clear
 *                sentence (refused credentials or a missing bucket fail at once)
 */
@Validated
@ConfigurationProperties("pipeline.obs.startup")
public record StorageStartupProperties(@NotNull @DefaultValue("30s") Duration timeout) {
}
