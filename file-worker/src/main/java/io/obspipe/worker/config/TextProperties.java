package io.obspipe.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The charset text objects are read in (see {@link io.obspipe.worker.processing.TextCharsets}).
 *
 * @param charset          a charset name or {@code auto}, for every key (WORKER_CHARSET)
 * @param charsetByPrefix  {@code prefix:charset} entries separated by {@code ;}, outranking it (WORKER_CHARSET_BY_PREFIX)
 */
@ConfigurationProperties("pipeline.worker.text")
public record TextProperties(String charset, String charsetByPrefix) {
}
