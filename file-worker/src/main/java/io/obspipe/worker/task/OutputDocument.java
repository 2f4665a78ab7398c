package io.obspipe.worker.task;

import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import io.obspipe.platform.storage.StoredObject;
import io.obspipe.worker.processing.DecodedContent;
import io.obspipe.worker.processing.ProcessingReport;
import tools.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON object uploaded to the destination bucket for a processed file. */
final class OutputDocument {

    private static final ObjectWriter WRITER = MessageCodec.mapper().writerWithDefaultPrettyPrinter();

    private OutputDocument() {
    }

    static long write(Path target, FileTask task, StoredObject source, String processor, DecodedContent content,
                      ProcessingReport report, Instant processedAt) throws IOException {
        Map<String, Object> sourceInfo = new LinkedHashMap<>();
        sourceInfo.put("bucket", source.bucket());
        sourceInfo.put("key", source.key());
        sourceInfo.put("size", source.size());
        if (source.etag() != null) {
            sourceInfo.put("etag", source.etag());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("task_id", task.taskId());
        document.put("source", sourceInfo);
        document.put("processor", processor);
        document.put("format", report.format());
        document.put("compressed", content.compressed());
        if (content.charset() != null) {
            document.put("charset", content.charset().name());
        }
        document.put("processed_at", processedAt.toString());
        document.put("summary", report.summary());
        try (OutputStream out = Files.newOutputStream(target)) {
            WRITER.writeValue(out, document);
        }
        return Files.size(target);
    }
}
