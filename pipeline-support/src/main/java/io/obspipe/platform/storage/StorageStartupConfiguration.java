package io.obspipe.platform.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The object store and its startup check, for long-running apps that must not start without their buckets. */
@Configuration(proxyBeanMethods = false)
@Import(StorageConfiguration.class)
@EnableConfigurationProperties(StorageStartupProperties.class)
public class StorageStartupConfiguration {

    @Bean
    ObjectStoreStartupCheck objectStoreStartupCheck(ObjectStore store, ObsProperties obs, StorageStartupProperties startup) {
        return new ObjectStoreStartupCheck(store, obs, startup);
    }
}
