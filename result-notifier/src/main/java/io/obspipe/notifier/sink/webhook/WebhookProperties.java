package io.obspipe.notifier.sink.webhook;

import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.sink.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Settings of the webhook sinks: one sink, {@code webhook-<n>}, per URL, each with its own consumer group.
 *
 * @param urls     comma-separated http(s) URLs that each get an HTTP POST of every result; keep their order, since
 *                 the n-th URL's progress is kept in group {@code <NOTIFIER_GROUP_ID>-webhook-<n>}
 * @param secret   when set, header {@code X-Obspipe-Signature: sha256=<hex>} carries the HMAC-SHA256 of the body
 *                 with this key
 * @param statuses only results of these statuses are posted
 * @param prefix   only results whose file key starts with this are posted; unset = all
 * @param timeout  connect and answer time of one request
 * @param retry    how the sink retries a result it could not post
 */
@Validated
@ConfigurationProperties("pipeline.notifier.sinks.webhook")
public record WebhookProperties(
        @NotEmpty(message = "NOTIFIER_WEBHOOK_URLS must name at least one URL when NOTIFIER_SINKS_WEBHOOK_ENABLED is true")
        List<URI> urls,
        String secret,
        @NotEmpty(message = "NOTIFIER_WEBHOOK_STATUSES must name at least one of success, failed") Set<ResultStatus> statuses,
        @NotNull String prefix,
        @NotNull @DurationMin(millis = 1, message = "NOTIFIER_WEBHOOK_TIMEOUT must be positive")
        @DurationMax(minutes = 1, message = "NOTIFIER_WEBHOOK_TIMEOUT must be at most 1m (a lane must finish a poll well within max.poll.interval.ms)")
        Duration timeout,
        @Valid @NotNull @NestedConfigurationProperty RetryPolicy retry) {

    @AssertTrue(message = "NOTIFIER_WEBHOOK_URLS must be absolute http:// or https:// URLs")
    public boolean isEveryUrlHttp() {
        return urls == null || urls.stream().allMatch(url -> url.isAbsolute() && url.getHost() != null
                && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())));
    }

    boolean signed() {
        return secret != null && !secret.isEmpty();
    }

    @Override
    public String toString() {
        return "WebhookProperties[urls=" + urls.size() + " URL(s), secret=" + (signed() ? "<hidden>" : "none")
                + ", statuses=" + statuses + ", prefix=" + prefix + ", timeout=" + timeout + ", retry=" + retry + "]";
    }
}
