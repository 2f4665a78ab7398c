package io.obspipe.analysis;

import io.obspipe.platform.config.WrongVariableTypesContract;
import io.obspipe.platform.kafka.KafkaSupportConfiguration;
import io.obspipe.platform.storage.ObsProperties;
import io.obspipe.platform.storage.StorageStartupProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** {@link WrongVariableTypesContract} for the analysis worker: its settings records, Kafka settings check and failure analyzers. */
class WrongVariableTypesTest extends WrongVariableTypesContract {

    @TestConfiguration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("io.obspipe.analysis")
    @EnableConfigurationProperties({ObsProperties.class, StorageStartupProperties.class, KafkaProperties.class, ServerProperties.class})
    @Import(KafkaSupportConfiguration.class)
    static class AnalysisSettings {
    }

    @Override
    protected Class<?> settings() {
        return AnalysisSettings.class;
    }
}
