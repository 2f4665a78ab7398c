package io.obspipe.notifier.sink.webhook;

import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.ResultSinkGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/** One {@link WebhookSink} per URL of NOTIFIER_WEBHOOK_URLS, so that a slow endpoint holds up only itself. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSinkEnabled("webhook")
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    ResultSinkGroup webhookSinks(WebhookProperties properties) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        List<ResultSink> sinks = new ArrayList<>();
        List<URI> urls = properties.urls();
        for (int i = 0; i < urls.size(); i++) {
            WebhookSink sink = new WebhookSink("webhook-" + (i + 1), urls.get(i), properties, http);
            log.atInfo().addKeyValue("sink", sink.name()).addKeyValue("endpoint", sink.endpoint()).addKeyValue("signed", properties.signed())
                    .log("sink {} posts results to {}{}", sink.name(), sink.endpoint(), properties.signed() ? ", signed" : "");
            sinks.add(sink);
        }
        return () -> sinks;
    }
}
