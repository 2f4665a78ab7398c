package io.obspipe.analysis.analyze;

import io.obspipe.analysis.AnalysisProperties;
import io.obspipe.analysis.keypool.KeyPool;
import io.obspipe.analysis.llm.ChatCompletions;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.StorageStartupConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Duration;

/** The analyzer: prompt template, object storage, key pool and chat client. */
@Configuration(proxyBeanMethods = false)
@Import(StorageStartupConfiguration.class)
class AnalyzeConfiguration {

    private static final Duration STORAGE_RETRY_DELAY = Duration.ofMillis(500);

    @Bean
    Analyzer analyzer(ObjectStore store, KeyPool pool, ChatCompletions chat, AnalysisProperties settings) {
        return new Analyzer(new AnalysisInputs(store, STORAGE_RETRY_DELAY), PromptTemplate.load(settings.promptFile()), pool, chat,
                (int) Math.min(Integer.MAX_VALUE - 1, settings.excerptBytes().toBytes()), settings.rewriteDocument(), Clock.systemUTC());
    }
}
