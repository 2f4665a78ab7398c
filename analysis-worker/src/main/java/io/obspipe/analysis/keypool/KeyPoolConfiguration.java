package io.obspipe.analysis.keypool;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.analysis.AnalysisProperties;
import io.obspipe.analysis.route.AnalysisRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.List;

/** The key pool from ANALYSIS_KEYS_FILE (read only when something is routed to analysis) and its snapshots. */
@Configuration(proxyBeanMethods = false)
class KeyPoolConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeyPoolConfiguration.class);
    private static final Duration DEFAULT_MIN_COOL_DOWN = Duration.ofSeconds(5);
    private static final Duration DEFAULT_MAX_COOL_DOWN = Duration.ofSeconds(60);
    private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(10);

    @Bean
    KeyPool keyPool(AnalysisProperties settings, AnalysisRoutes routes, MeterRegistry registry) {
        KeyFile.Contents contents = routes.routesNothing()
                ? new KeyFile.Contents(List.of(), null, null, null)
                : KeyFile.load(settings.keysFile(), System::getenv);
        KeyStrategy strategy = settings.keyStrategy() != null && !settings.keyStrategy().isBlank()
                ? KeyStrategy.parse(settings.keyStrategy(), "ANALYSIS_KEY_STRATEGY")
                : contents.selectionStrategy() != null
                ? KeyStrategy.parse(contents.selectionStrategy(), "selection_strategy in ANALYSIS_KEYS_FILE")
                : KeyStrategy.LEAST_LOADED;
        ExponentialBackOff retry = new ExponentialBackOff(settings.retryBackoff().toMillis(), 2.0);
        retry.setMaxInterval(Math.max(settings.retryBackoff().toMillis(), MAX_RETRY_BACKOFF.toMillis()));
        KeyPool.Rules rules = new KeyPool.Rules(strategy, settings.maxAttempts(), settings.keyWaitTimeout(), retry,
                contents.minCoolDown() == null ? DEFAULT_MIN_COOL_DOWN : contents.minCoolDown(),
                contents.maxCoolDown() == null ? DEFAULT_MAX_COOL_DOWN : contents.maxCoolDown());
        KeyPool pool = new KeyPool(contents.keys(), rules, new KeyPoolMetrics(registry));
        if (!contents.keys().isEmpty()) {
            log.atInfo().addKeyValue("key_ids", pool.keys().stream().map(ApiKeySpec::id).toList())
                    .log("key pool of {} key(s), strategy {}", contents.keys().size(), strategy.wireName());
        }
        return pool;
    }

    @Bean
    KeyPoolStatusPublisher keyPoolStatusPublisher(KeyPool pool, AnalysisProperties settings, AnalysisRoutes routes, KafkaProperties kafka) {
        return new KeyPoolStatusPublisher(pool, settings, !routes.routesNothing(), kafka);
    }
}
