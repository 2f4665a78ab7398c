package io.obspipe.worker.config;

import io.obspipe.platform.config.PipelineConfigurationException;
import io.obspipe.worker.processing.ContentDecoder;
import io.obspipe.worker.processing.TextCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How stored content reaches the processors: decompressed, and text converted to UTF-8 from the charset set or recognised. */
@Configuration(proxyBeanMethods = false)
class TextCharsetConfiguration {

    @Bean
    ContentDecoder contentDecoder(WorkerProperties worker, TextProperties text) {
        TextCharsets charsets;
        try {
            charsets = TextCharsets.parse(text.charset(), text.charsetByPrefix());
        } catch (IllegalArgumentException e) {
            throw new PipelineConfigurationException(e.getMessage(), e);
        }
        return new ContentDecoder(worker.maxDecompressedSize().toBytes(), charsets);
    }
}
