package io.obspipe.platform.storage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the {@link ObjectStore} from {@link ObsProperties}; the apps that use object storage import it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObsProperties.class)
public class StorageConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ObjectStore.class)
    ObsObjectStore objectStore(ObsProperties properties) {
        return new ObsObjectStore(properties);
    }
}
