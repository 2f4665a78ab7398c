package io.obspipe.analysis.llm;

import io.obspipe.analysis.AnalysisProperties;
import io.obspipe.analysis.keypool.KeyPool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One SDK client per key of the pool. */
@Configuration(proxyBeanMethods = false)
class ChatCompletionsConfiguration {

    @Bean(destroyMethod = "close")
    ChatCompletions chatCompletions(KeyPool pool, AnalysisProperties settings) {
        return new ChatCompletions(pool.keys(), settings.baseUrl(), settings.model(), settings.timeout(), settings.maxConcurrent());
    }
}
