package io.obspipe.worker;

import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An S3Proxy with the worker's buckets and the properties that point a worker app at it. */
final class WorkerTestStack implements AutoCloseable {

    final Path work;
    final S3ProxyServer s3;

    WorkerTestStack(String name) {
        try {
            work = Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3 = S3ProxyServer.start(work.resolve("s3"));
        s3.bucketDir("input-files");
        s3.bucketDir("processed-files");
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("pipeline.obs.server", s3::endpoint);
        registry.add("pipeline.obs.access-key", s3::accessKey);
        registry.add("pipeline.obs.secret-key", s3::secretKey);
        registry.add("pipeline.obs.path-style", () -> "true");
        registry.add("pipeline.obs.auth-type", () -> "V2");
        registry.add("pipeline.obs.source-bucket", () -> "input-files");
        registry.add("pipeline.obs.dest-bucket", () -> "processed-files");
        registry.add("pipeline.worker.download-dir", () -> work.resolve("downloads").toString());
        registry.add("pipeline.worker.upload-dir", () -> work.resolve("uploads").toString());
    }

    Path input(String key, String content) {
        Path file = s3.bucketDir("input-files").resolve(key);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Stops S3Proxy and deletes the stack's folder. */
    @Override
    public void close() {
        s3.close();
        try {
            FileSystemUtils.deleteRecursively(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String task(String key) {
        return "{\"key\":\"" + key + "\",\"bucket\":\"input-files\"}";
    }

    static List<ProcessingResult> decode(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> MessageCodec.decodeResult(r.value().getBytes(StandardCharsets.UTF_8))).toList();
    }
}
