package io.obspipe.worker.processing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Inputs for processor tests: fixture files, strings and gzip. */
final class ProcessorFixtures {

    private ProcessorFixtures() {
    }

    static Stream<FileProcessor> builtInProcessors() {
        return Stream.of(new CsvProcessor(), new JsonProcessor(), new NdjsonProcessor(), new TextProcessor());
    }

    static byte[] resource(String name) {
        try (InputStream in = ProcessorFixtures.class.getResourceAsStream("/processing/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource processing/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    /** The per-column summaries of a CSV report, by column name. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> columnSummary(ProcessingReport report) {
        return (Map<String, Object>) report.summary().get("column_summary");
    }

    /**
     * A CSV report's summary without the quantiles: beyond its size the quantile sketch compacts at random,
     * so two reads of the same large column agree on them only within its rank error.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutQuantiles(ProcessingReport report) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columnSummary(report).forEach((name, column) -> {
            Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) column);
            kept.keySet().removeAll(List.of("p50", "p90", "p99"));
            columns.put(name, kept);
        });
        Map<String, Object> summary = new LinkedHashMap<>(report.summary());
        summary.put("column_summary", columns);
        return summary;
    }

    /** Runs a processor on plain (uncompressed) content stored under {@code key}. */
    static ProcessingReport process(FileProcessor processor, String key, byte[] content) throws IOException {
        return processor.process(new ByteArrayInputStream(content),
                new ProcessingContext(key, key, false, content.length));
    }

    /** Runs a processor on content as the worker will: through the {@link ContentDecoder}. */
    static ProcessingReport decodeAndProcess(FileProcessor processor, ContentDecoder decoder, String key,
                                             byte[] stored) throws IOException {
        DecodedContent decoded = decoder.decode(key, new ByteArrayInputStream(stored), processor.readsText(), stored.length);
        return processor.process(decoded.stream(),
                new ProcessingContext(key, decoded.contentKey(), decoded.compressed(), stored.length));
    }
}
