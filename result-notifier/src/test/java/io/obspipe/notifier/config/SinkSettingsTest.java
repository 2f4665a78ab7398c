package io.obspipe.notifier.config;

import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.sink.RetryPolicy;
import io.obspipe.notifier.sink.database.DatabaseProperties;
import io.obspipe.notifier.sink.email.EmailProperties;
import io.obspipe.notifier.sink.live.LiveProperties;
import io.obspipe.notifier.sink.redis.RedisSinkProperties;
import io.obspipe.notifier.sink.webhook.WebhookProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The sinks' settings as application.yml maps them from the environment: defaults, and one clear sentence for each bad value. */
class SinkSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class)
            .withPropertyValues(
                    "NOTIFIER_WEBHOOK_URLS=https://hooks.example.com/pipeline",
                    "NOTIFIER_EMAIL_TO=ops@example.com",
                    "SMTP_HOST=smtp.example.com");

    @Test
    void theDefaultsOfApplicationYmlAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getEnvironment().getProperty("pipeline.notifier.sinks.log.enabled")).isEqualTo("true");
            assertThat(context.getEnvironment().getProperty("pipeline.notifier.sinks.live.enabled")).isEqualTo("true");
            assertThat(context.getEnvironment().getProperty("pipeline.notifier.sinks.database.enabled")).isEqualTo("true");
            assertThat(context.getEnvironment().getProperty("pipeline.notifier.sinks.webhook.enabled")).isEqualTo("false");
            assertThat(context.getEnvironment().getProperty("pipeline.notifier.sinks.redis.enabled")).isEqualTo("false");
            assertThat(context.getEnvironment().getProperty("pipeline.notifier.sinks.email.enabled")).isEqualTo("false");
            assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
                    .isEqualTo("jdbc:h2:file:./data/notifier/processing-log;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");

            assertThat(context.getBean(LiveProperties.class)).isEqualTo(new LiveProperties(50, 1000));
            assertThat(context.getBean(DatabaseProperties.class).retry())
                    .isEqualTo(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10)));
            WebhookProperties webhook = context.getBean(WebhookProperties.class);
            assertThat(webhook.urls()).containsExactly(URI.create("https://hooks.example.com/pipeline"));
            assertThat(webhook.statuses()).isEqualTo(Set.of(ResultStatus.SUCCESS, ResultStatus.FAILED));
            assertThat(webhook.prefix()).isEmpty();
            assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(webhook.retry()).isEqualTo(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5)));
            assertThat(context.getBean(RedisSinkProperties.class))
                    .isEqualTo(new RedisSinkProperties("obspipe:", Duration.ofDays(7), "obspipe:results",
                            new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5))));
            EmailProperties email = context.getBean(EmailProperties.class);
            assertThat(email.to()).containsExactly("ops@example.com");
            assertThat(email.from()).isEqualTo("obs-pipeline@localhost");
            assertThat(email.interval()).isEqualTo(Duration.ofMinutes(5));
            assertThat(email.maxListed()).isEqualTo(100);
            assertThat(email.smtp()).isEqualTo(new EmailProperties.Smtp("smtp.example.com", 25, "", "", false, false, Duration.ofSeconds(10)));
        });
    }

    @Test
    void webhookFiltersAndSeveralUrlsBind() {
        runner.withPropertyValues("NOTIFIER_WEBHOOK_URLS=https://a.example.com/x, http://127.0.0.1:9000/hook",
                "NOTIFIER_WEBHOOK_STATUSES=failed", "NOTIFIER_WEBHOOK_PREFIX=data/2024/").run(context -> {
            WebhookProperties webhook = context.getBean(WebhookProperties.class);
            assertThat(webhook.urls()).containsExactly(URI.create("https://a.example.com/x"), URI.create("http://127.0.0.1:9000/hook"));
            assertThat(webhook.statuses()).containsExactly(ResultStatus.FAILED);
            assertThat(webhook.prefix()).isEqualTo("data/2024/");
        });
    }

    @Test
    void eachBadValueIsRefusedWithASentenceNamingItsVariable() {
        assertRefused("NOTIFIER_WEBHOOK_URLS must name at least one URL when NOTIFIER_SINKS_WEBHOOK_ENABLED is true", "NOTIFIER_WEBHOOK_URLS=");
        assertRefused("NOTIFIER_WEBHOOK_URLS must be absolute http:// or https:// URLs", "NOTIFIER_WEBHOOK_URLS=ftp://files.example.com/in");
        assertRefused("NOTIFIER_WEBHOOK_URLS must be absolute http:// or https:// URLs", "NOTIFIER_WEBHOOK_URLS=hooks/pipeline");
        assertRefused("NOTIFIER_WEBHOOK_STATUSES must name at least one of success, failed", "NOTIFIER_WEBHOOK_STATUSES=");
        assertRefused("NOTIFIER_WEBHOOK_TIMEOUT must be at most 1m", "NOTIFIER_WEBHOOK_TIMEOUT=5m");
        assertRefused("the longest retry backoff must not be shorter than the first one",
                "NOTIFIER_WEBHOOK_RETRY_BACKOFF=10s", "NOTIFIER_WEBHOOK_RETRY_MAX_BACKOFF=1s");
        assertRefused("NOTIFIER_REDIS_TTL must not be negative (0 keeps results for ever)", "NOTIFIER_REDIS_TTL=-1s");
        assertRefused("NOTIFIER_EMAIL_TO must name at least one recipient when NOTIFIER_SINKS_EMAIL_ENABLED is true", "NOTIFIER_EMAIL_TO=");
        assertRefused("NOTIFIER_EMAIL_TO and NOTIFIER_EMAIL_FROM must be e-mail addresses such as ops@example.com", "NOTIFIER_EMAIL_TO=ops at example");
        assertRefused("SMTP_HOST must be set when NOTIFIER_SINKS_EMAIL_ENABLED is true", "SMTP_HOST=");
        assertRefused("SMTP_PORT must be from 1 to 65535", "SMTP_PORT=0");
        assertRefused("NOTIFIER_EMAIL_INTERVAL must be at least 1s", "NOTIFIER_EMAIL_INTERVAL=0s");
        assertRefused("NOTIFIER_LIVE_MAX_CLIENTS must be at least 1", "NOTIFIER_LIVE_MAX_CLIENTS=0");
    }

    @Test
    void secretsStayOutOfTheSettingsText() {
        runner.withPropertyValues("NOTIFIER_WEBHOOK_SECRET=hook-secret", "SMTP_PASSWORD=mail-secret").run(context -> {
            assertThat(context.getBean(WebhookProperties.class).toString()).doesNotContain("hook-secret").contains("secret=<hidden>");
            assertThat(context.getBean(EmailProperties.class).toString()).doesNotContain("mail-secret").contains("password=<hidden>");
        });
    }

    private void assertRefused(String sentence, String... values) {
        runner.withPropertyValues(values).run(context ->
                assertThat(context).as(List.of(values).toString()).getFailure().hasStackTraceContaining(sentence));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({LiveProperties.class, DatabaseProperties.class, WebhookProperties.class,
            RedisSinkProperties.class, EmailProperties.class})
    static class Settings {
    }
}
