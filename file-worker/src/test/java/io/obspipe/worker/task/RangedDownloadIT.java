package io.obspipe.worker.task;

import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.platform.storage.ObsObjectStore;
import io.obspipe.platform.storage.ObsProperties;
import io.obspipe.worker.processing.ContentDecoder;
import io.obspipe.worker.processing.CsvProcessor;
import io.obspipe.worker.processing.NdjsonProcessor;
import io.obspipe.worker.processing.PartReadingProcessor;
import io.obspipe.worker.processing.PartReading;
import io.obspipe.worker.processing.ProcessingContext;
import io.obspipe.worker.processing.ProcessingReport;
import io.obspipe.worker.processing.TextProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** CSV, NDJSON and text objects read in parts through ranged GETs of the OBS SDK against S3Proxy: the one-stream summary, the whole object on disk. */
@Timeout(120)
class RangedDownloadIT {

    @TempDir
    static Path work;
    static S3ProxyServer s3;
    static ObsObjectStore store;
    static final ExecutorService THREADS = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws IOException {
        s3 = S3ProxyServer.start(work.resolve("s3"));
        store = new ObsObjectStore(new ObsProperties(s3.accessKey(), s3.secretKey(), s3.endpoint(), "local", true,
                ObsProperties.AuthType.V2, "source", "dest", Duration.ofSeconds(2), Duration.ofSeconds(10), 16, 0));
        store.createBucket("source");
    }

    @AfterAll
    static void stop() throws IOException {
        THREADS.shutdownNow();
        if (store != null) {
            store.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void readsTheObjectInPartsAsOneStreamAndLeavesItWholeOnDisk() throws IOException {
        StringBuilder csv = new StringBuilder("id,city,note\n");
        for (int i = 0; i < 30_000; i++) {
            csv.append(i).append(',').append(i % 3 == 0 ? "Zürich" : "東京").append(',')
                    .append(i % 97 == 0 ? "\"spans\nlines, \"\"quoted\"\"\"" : "plain").append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Path object = s3.bucketDir("source").resolve("big.csv");
        Files.write(object, bytes);
        ProcessingContext context = new ProcessingContext("big.csv", "big.csv", false, bytes.length);
        ProcessingReport oneStream;
        try (InputStream in = store.open("source", "big.csv")) {
            oneStream = new CsvProcessor().process(in, context);
        }
        Path download = work.resolve("download");

        ProcessingReport inParts;
        try (RangedDownload ranges = new RangedDownload(store, "source", "big.csv", bytes.length, download)) {
            inParts = new CsvProcessor(CsvProcessor.DEFAULT_MAX_DISTINCT_VALUES, new PartReading(3, 50_000, 1), THREADS)
                    .process(ranges, context);
        }

        assertThat(inParts.summary()).containsEntry("total_rows", 30_000L);
        assertThat(withoutQuantiles(inParts)).isEqualTo(withoutQuantiles(oneStream));
        assertThat(Files.readAllBytes(download)).isEqualTo(bytes);
    }

    @Test
    void readsNdjsonAndTextInPartsAsOneStream() throws IOException {
        StringBuilder ndjson = new StringBuilder("\uFEFF");
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            ndjson.append("{\"id\":").append(i).append(",\"city\":\"").append(i % 3 == 0 ? "Zürich" : "東京").append("\",\"k")
                    .append(i % 1_500).append("\":").append(i % 7 == 0 ? "[1,{\"x\":null}]" : "true").append(i % 5 == 0 ? "}\r\n" : "}\n");
            log.append("2026-12-01 ").append(i % 11 == 0 ? "ERROR 失败 " : "INFO ok ").append(i).append(i % 4 == 0 ? "\r\n" : "\n");
            if (i % 13 == 0) {
                log.append("    at io.obspipe.Frame.run(Frame.java:").append(i).append(")\n");
            }
        }
        for (String key : new String[] {"big.ndjson", "big.log"}) {
            byte[] bytes = (key.endsWith(".log") ? log : ndjson).toString().getBytes(StandardCharsets.UTF_8);
            Files.write(s3.bucketDir("source").resolve(key), bytes);
            ProcessingContext context = new ProcessingContext(key, key, false, bytes.length);
            PartReading reading = new PartReading(3, 50_000, 1);
            PartReadingProcessor inParts = key.endsWith(".log") ? new TextProcessor(reading, THREADS) : new NdjsonProcessor(reading, THREADS);
            PartReadingProcessor oneStream = key.endsWith(".log") ? new TextProcessor() : new NdjsonProcessor();
            ProcessingReport expected;
            try (InputStream in = store.open("source", key)) {
                expected = oneStream.process(new ContentDecoder(Long.MAX_VALUE).decode(key, in, true, bytes.length).stream(), context);
            }
            Path download = work.resolve("download-" + key);

            ProcessingReport read;
            try (RangedDownload ranges = new RangedDownload(store, "source", key, bytes.length, download)) {
                read = inParts.process(ranges, context);
            }

            assertThat(read).as(key).isEqualTo(expected);
            assertThat(read.summary()).as(key).containsAnyOf(entry("record_count", 20_000L), entry("log_like", true));
            assertThat(Files.readAllBytes(download)).isEqualTo(bytes);
        }
    }

    /** Beyond its size the quantile sketch compacts at random (ParallelCsvReadingTest checks its bounds). */
    private static String withoutQuantiles(ProcessingReport report) {
        return report.summary().toString().replaceAll("p(50|90|99)=[^,}]*", "");
    }
}
