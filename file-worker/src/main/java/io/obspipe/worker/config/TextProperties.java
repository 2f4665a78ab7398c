package io.obspipe.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The charset text objects are read in (see {@link io.obspipe.worker.processing.TextCharsets}).
 *
 * @param charset          charset of text objects (CSV, TSV, JSON, NDJSON, text): {@code auto} (UTF-8, else the charset
 *                         recognised) or a name such as {@code GB18030}, {@code windows-1252}, {@code utf-8} (strict)
 * @param charsetByPrefix  charset per key prefix, outranking the one above: {@code prefix:charset} entries separated by
 *                         {@code ;}, e.g. {@code legacy/:GB18030;eu/:windows-1252} (the longest matching prefix wins)
 */
@ConfigurationProperties("pipeline.worker.text")
public record TextProperties(String charset, String charsetByPrefix) {
}
