package io.obspipe.notifier.config;

import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.platform.config.WrongVariableTypesContract;
import io.obspipe.platform.kafka.KafkaSupportConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import java.util.Map;

/** {@link WrongVariableTypesContract} for the notifier: its settings records, Kafka settings check and failure analyzers. */
class WrongVariableTypesTest extends WrongVariableTypesContract {

    @TestConfiguration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("io.obspipe.notifier")
    @EnableConfigurationProperties({KafkaProperties.class, ServerProperties.class, DataRedisProperties.class})
    @Import({KafkaSupportConfiguration.class, SinkSwitches.class})
    static class NotifierSettings {
    }

    /** The sinks' on/off switches are read by the condition on each sink's beans. */
    @Import({SinkSwitches.Log.class, SinkSwitches.Live.class, SinkSwitches.Database.class, SinkSwitches.Webhook.class,
            SinkSwitches.Redis.class, SinkSwitches.Email.class})
    static class SinkSwitches {
        @ConditionalOnSinkEnabled("log") static class Log { }
        @ConditionalOnSinkEnabled("live") static class Live { }
        @ConditionalOnSinkEnabled("database") static class Database { }
        @ConditionalOnSinkEnabled("webhook") static class Webhook { }
        @ConditionalOnSinkEnabled("redis") static class Redis { }
        @ConditionalOnSinkEnabled("email") static class Email { }
    }

    @Override
    protected Class<?> settings() {
        return NotifierSettings.class;
    }

    /** pipeline-shared.yml maps the OBS_* variables too; the notifier never reads them. */
    @Override
    protected boolean reads(String variable) {
        return !variable.startsWith("OBS_");
    }

    /** Every sink's settings are bound here, so the ones a switched-on e-mail or webhook sink requires are given. */
    @Override
    protected Map<String, String> requiredVariables() {
        return Map.of("NOTIFIER_EMAIL_TO", "ops@example.com", "SMTP_HOST", "127.0.0.1",
                "NOTIFIER_WEBHOOK_URLS", "http://127.0.0.1:9/results");
    }
}
