package io.obspipe.notifier.config;

import io.obspipe.notifier.sink.log.LogSink;
import io.obspipe.platform.config.InvalidVariableFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class NotifierSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class)
            .withPropertyValues(
                    "pipeline.notifier.group-id=result-notifier",
                    "pipeline.notifier.concurrency=1",
                    "pipeline.notifier.summary-interval=30s",
                    "pipeline.notifier.sinks.log.enabled=true");

    @Test
    void validSettingsBind() {
        runner.withPropertyValues("pipeline.notifier.concurrency=3", "pipeline.notifier.summary-interval=5s").run(context -> {
            NotifierProperties properties = context.getBean(NotifierProperties.class);
            assertThat(properties.concurrency()).isEqualTo(3);
            assertThat(properties.summaryInterval()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void concurrencyBelowOneIsRefusedNamingTheVariable() {
        runner.withPropertyValues("pipeline.notifier.concurrency=0").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("NOTIFIER_CONCURRENCY must be at least 1"));
    }

    @Test
    void theInProcessSinksGetOneThreadPerCoreWhenSetToZero() {
        runner.withPropertyValues("pipeline.notifier.local-concurrency=0").run(context ->
                assertThat(context.getBean(NotifierProperties.class).localThreads()).isEqualTo(Runtime.getRuntime().availableProcessors()));
        runner.withPropertyValues("pipeline.notifier.local-concurrency=3").run(context ->
                assertThat(context.getBean(NotifierProperties.class).localThreads()).isEqualTo(3));
        runner.withPropertyValues("pipeline.notifier.local-concurrency=-1").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("NOTIFIER_LOCAL_CONCURRENCY must be 0 (one thread per core) or more"));
    }

    @Test
    void summaryIntervalBelowOneSecondIsRefusedNamingTheVariable() {
        runner.withPropertyValues("pipeline.notifier.summary-interval=0s").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("NOTIFIER_SUMMARY_INTERVAL must be at least 1s"));
    }

    @Test
    void blankGroupIdIsRefusedNamingTheVariable() {
        runner.withPropertyValues("pipeline.notifier.group-id= ").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("NOTIFIER_GROUP_ID must not be blank"));
    }

    @Test
    void theLogSinkExistsOnlyWhenEnabled() {
        runner.run(context -> assertThat(context).hasSingleBean(LogSink.class));
        runner.withPropertyValues("pipeline.notifier.sinks.log.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(LogSink.class));
    }

    @Test
    void aSinkSwitchThatIsNotABooleanIsRefusedNamingTheVariable() {
        runner.withPropertyValues("pipeline.notifier.sinks.log.enabled=${NOTIFIER_SINKS_LOG_ENABLED:true}",
                "NOTIFIER_SINKS_LOG_ENABLED=maybe").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidVariableFailureAnalyzer(new MockEnvironment()
                    .withProperty("NOTIFIER_SINKS_LOG_ENABLED", "maybe")).analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("NOTIFIER_SINKS_LOG_ENABLED must be true or false (got \"maybe\")");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotifierProperties.class)
    @Import(LogSink.class)
    static class Settings {
    }
}
