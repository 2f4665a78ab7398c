package io.obspipe.localstack;

import io.obspipe.model.MessageCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleFilesTest {

    private final Map<String, byte[]> samples = SampleFiles.all();

    @Test
    void coversEveryFormatPlusAnUnsupportedAndABrokenFile() {
        assertThat(samples.keySet()).containsExactly("sales.csv", "employees.csv", "inventory.tsv", "customers.json",
                "settings.json", "events.ndjson", "metrics.jsonl", "notes.txt", "app.log", "sales-archive.csv.gz",
                "report.pdf", "broken.json");
        samples.forEach((name, content) -> assertThat(content.length).as(name).isBetween(
                name.equals("broken.json") ? 50 : 1024, 16 * 1024));
    }

    @Test
    void hasTheSameContentOnEveryRun() {
        Map<String, byte[]> again = SampleFiles.all();
        samples.forEach((name, content) -> assertThat(Arrays.equals(content, again.get(name))).as(name).isTrue());
    }

    @Test
    void holdsWhatTheirNamesPromise() throws IOException {
        assertThat(text("sales.csv")).startsWith("order_id,date,region,product,quantity,unit_price,total\n10000,2025-01-01,");
        assertThat(text("inventory.tsv").lines()).allSatisfy(line -> assertThat(line.split("\t")).hasSize(6));
        assertThat(json(samples.get("customers.json")).isArray()).isTrue();
        assertThat(json(samples.get("settings.json")).isObject()).isTrue();
        assertThat(text("events.ndjson").lines()).allSatisfy(line -> assertThat(json(line.getBytes()).isObject()).isTrue());
        assertThat(text("metrics.jsonl").lines()).allSatisfy(line -> assertThat(json(line.getBytes()).isObject()).isTrue());
        assertThat(text("app.log")).contains(" INFO ", " WARN ", " ERROR ");
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(samples.get("sales-archive.csv.gz")))) {
            assertThat(new String(gzip.readAllBytes(), StandardCharsets.UTF_8).lines()).hasSize(251).first().asString().startsWith("order_id,");
        }
        assertThat(text("report.pdf")).startsWith("%PDF-");
        assertThatThrownBy(() -> json(samples.get("broken.json"))).isInstanceOf(JacksonException.class);
    }

    @Test
    void writesUnderTheSamplesPrefixAndKeepsFilesAlreadyThere(@TempDir Path bucketDir) throws IOException {
        Path mine = bucketDir.resolve("samples/sales.csv");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "my own sales\n");

        SampleFiles.Seeding seeding = SampleFiles.writeMissing(bucketDir);

        assertThat(seeding.kept()).containsExactly("samples/sales.csv");
        assertThat(seeding.written()).hasSize(samples.size() - 1).allSatisfy(key -> assertThat(key).startsWith("samples/"));
        assertThat(mine).hasContent("my own sales");
        assertThat(bucketDir.resolve("samples/report.pdf")).hasBinaryContent(samples.get("report.pdf"));
        assertThat(SampleFiles.writeMissing(bucketDir).written()).isEmpty();
    }

    private String text(String name) {
        return new String(samples.get(name), StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] content) {
        return MessageCodec.mapper().readTree(content);
    }
}
