package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorRegistryTest {

    private final ProcessorRegistry builtIns = new ProcessorRegistry(List.of(
            new CsvProcessor(), new JsonProcessor(), new NdjsonProcessor(), new TextProcessor()));

    @Test
    void findsTheProcessorForEachBuiltInExtension() {
        assertThat(builtIns.find("a/b/data.tsv")).map(FileProcessor::name).hasValue("csv");
        assertThat(builtIns.find("data.JSON")).map(FileProcessor::name).hasValue("json");
        assertThat(builtIns.find("events.jsonl")).map(FileProcessor::name).hasValue("ndjson");
        assertThat(builtIns.find("server.log")).map(FileProcessor::name).hasValue("text");
        assertThat(builtIns.find("report.pdf")).isEmpty();
    }

    @Test
    void anEarlierProcessorWins() {
        ProcessorRegistry registry = new ProcessorRegistry(List.of(new UppercaseCsvProcessor(), new CsvProcessor()));

        assertThat(registry.find("data.csv")).get().isInstanceOf(UppercaseCsvProcessor.class);
        assertThat(registry.find("data.tsv")).map(FileProcessor::name).hasValue("csv");
    }

    @Test
    void describesWhatIsSupported() {
        assertThat(builtIns.describe()).isEqualTo("csv (.csv, .tsv), json (.json), ndjson (.ndjson, .jsonl),"
                + " text (.txt, .log, .text, .md)");
        assertThat(new ProcessorRegistry(List.of(new UppercaseCsvProcessor())).describe()).isEqualTo("upper-csv");
    }

    @Test
    void instantiatesAProcessorByClassName() {
        assertThat(ProcessorRegistry.instantiate(UppercaseCsvProcessor.class.getName()))
                .isInstanceOf(UppercaseCsvProcessor.class);
    }

    @Test
    void explainsWhyAClassCannotBeAProcessor() {
        assertThatThrownBy(() -> ProcessorRegistry.instantiate("com.example.Missing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("processor class com.example.Missing was not found on the classpath");
        assertThatThrownBy(() -> ProcessorRegistry.instantiate("java.lang.String"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("processor class java.lang.String does not implement io.obspipe.worker.processing.FileProcessor");
        assertThatThrownBy(() -> ProcessorRegistry.instantiate(NeedsArgumentProcessor.class.getName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("processor class " + NeedsArgumentProcessor.class.getName() + " has no public no-arg constructor");
        assertThatThrownBy(() -> ProcessorRegistry.instantiate(FailingProcessor.class.getName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("processor class " + FailingProcessor.class.getName()
                        + " failed in its constructor: java.lang.IllegalStateException: no licence key");
        assertThatThrownBy(() -> ProcessorRegistry.instantiate(FileProcessor.class.getName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is abstract and cannot be instantiated");
    }

    public static class UppercaseCsvProcessor implements FileProcessor {

        @Override
        public String name() {
            return "upper-csv";
        }

        @Override
        public boolean supports(String key) {
            return key.endsWith(".csv");
        }

        @Override
        public ProcessingReport process(InputStream content, ProcessingContext context) {
            return new ProcessingReport(name(), Map.of());
        }
    }

    public static class NeedsArgumentProcessor extends UppercaseCsvProcessor {

        public NeedsArgumentProcessor(String setting) {
        }
    }

    public static class FailingProcessor extends UppercaseCsvProcessor {

        public FailingProcessor() {
            throw new IllegalStateException("no licence key");
        }
    }
}
