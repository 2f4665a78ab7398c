package io.obspipe.worker.task;

import io.obspipe.model.ErrorCode;
import io.obspipe.model.FileTask;
import io.obspipe.model.InvalidMessageException;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.SizeFormat;
import io.obspipe.model.TaskDefaults;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.StorageException;
import io.obspipe.platform.storage.StoredObject;
import io.obspipe.worker.processing.ContentDecoder;
import io.obspipe.worker.processing.ContentTooLargeException;
import io.obspipe.worker.processing.CorruptContentException;
import io.obspipe.worker.processing.DecodedContent;
import io.obspipe.worker.processing.FileProcessor;
import io.obspipe.worker.processing.PartReadingProcessor;
import io.obspipe.worker.processing.ProcessingContext;
import io.obspipe.worker.processing.ProcessingReport;
import io.obspipe.worker.processing.ProcessorRegistry;
import io.obspipe.worker.result.ResultFactory;
import io.obspipe.worker.result.ResultFactory.TaskOutcome;
import io.obspipe.worker.workspace.DiskBudget;
import io.obspipe.worker.workspace.KeySafety;
import io.obspipe.worker.workspace.Workspace;
import io.obspipe.worker.workspace.Workspace.TaskFiles;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attempt at one task record, steps 2–6 of the worker in docs/compatibility.md: download from the object
 * store, process, upload the result document, and clean the local files. Downloading and processing overlap (see
 * {@link StreamingDownload}); the download file is complete when processing has read the object.
 * Every permanent problem becomes a {@code failed} result with a clear sentence; a transient one is
 * a {@link TransientTaskException}, which the consumer's task runner retries with backoff (it calls
 * {@link #gaveUp} when the retries are spent). Knows nothing of Kafka offsets or commits.
 */
public class TaskAttemptHandler {

    private static final Logger log = LoggerFactory.getLogger(TaskAttemptHandler.class);

    private final ObjectStore store;
    private final ProcessorRegistry processors;
    private final ContentDecoder decoder;
    private final Workspace workspace;
    private final ResultFactory results;
    private final TaskDefaults defaults;
    private final TaskLimits limits;
    private final DiskBudget diskBudget;
    private final Executor downloads;
    private final Clock clock;

    /**
     * {@code downloads} runs the thread that receives each object while the task's thread processes it:
     * one per task in progress, as {@link #downloadThreads()} makes them.
     */
    public TaskAttemptHandler(ObjectStore store, ProcessorRegistry processors, ContentDecoder decoder, Workspace workspace,
                       ResultFactory results, TaskDefaults defaults, TaskLimits limits, DiskBudget diskBudget,
                       Executor downloads, Clock clock) {
        this.store = store;
        this.processors = processors;
        this.decoder = decoder;
        this.workspace = workspace;
        this.results = results;
        this.defaults = defaults;
        this.limits = limits;
        this.diskBudget = diskBudget;
        this.downloads = downloads;
        this.clock = clock;
    }

    /** Daemon threads named {@code object-download-N}, made as tasks need them; shut it down with the handler's owner. */
    public static ExecutorService downloadThreads() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "object-download-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public ProcessingResult handle(ConsumerRecord<String, String> record) {
        long started = System.nanoTime();
        String fallbackId = record.topic() + "-" + record.partition() + "-" + record.offset();
        FileTask task;
        try {
            task = MessageCodec.decodeTask(record.value()).resolve(defaults, fallbackId);
        } catch (InvalidMessageException e) {
            ObjectLocation source = new ObjectLocation(defaults.sourceBucket(), record.key());
            return logged(results.failure(new TaskOutcome(fallbackId, source, 0, seconds(started), null),
                    ErrorCode.INVALID_TASK, e.getMessage()));
        }
        TaskFiles files = null;
        boolean succeeded = false;
        long reserved = 0;
        long inputSize = task.size() == null ? 0 : task.size();
        try {
            checkTask(task);
            StoredObject object = store.stat(task.bucket(), task.key());
            inputSize = object.size();
            checkSize(object);
            FileProcessor processor = processors.find(ContentDecoder.contentKeyOf(task.key()))
                    .orElseThrow(() -> new TaskFailure(ErrorCode.UNSUPPORTED_FORMAT, "unsupported file format: no processor handles '"
                            + task.key() + "' (supported: " + processors.describe() + ")"));
            reserved = reserveDisk(object);
            files = workspace.allocate(task.key());
            long outputSize = downloadAndProcess(task, object, processor, files);
            ObjectLocation destination = new ObjectLocation(task.destBucket(), task.destKey());
            store.upload(destination.bucket(), destination.key(), files.upload(), "application/json");
            succeeded = true;
            return logged(results.success(outcome(task, inputSize, started), destination, outputSize, processor.name()));
        } catch (TaskFailure e) {
            return logged(results.failure(outcome(task, inputSize, started), e.code(), e.getMessage()));
        } catch (StorageException e) {
            if (e.isTransient()) {
                throw new TransientTaskException(e.code(), e.getMessage(), e);
            }
            return logged(results.failure(outcome(task, inputSize, started), e.code(), e.getMessage()));
        } finally {
            if (reserved > 0) {
                diskBudget.release(reserved);
            }
            // an interrupted task (shutdown) is redone elsewhere: its files are of no use to anyone
            if (files != null && (Thread.currentThread().isInterrupted() || (succeeded ? limits.cleanupFiles() : limits.cleanupOnError()))) {
                files.delete();
            }
        }
    }

    /**
     * The failed result of a task that kept failing transiently (its record was a valid task).
     *
     * @param startedNanos {@link System#nanoTime()} when the first attempt began
     */
    public ProcessingResult gaveUp(ConsumerRecord<String, String> record, TransientTaskException lastError, long startedNanos) {
        FileTask task = MessageCodec.decodeTask(record.value())
                .resolve(defaults, record.topic() + "-" + record.partition() + "-" + record.offset());
        return logged(results.failure(outcome(task, task.size() == null ? 0 : task.size(), startedNanos), lastError.code(),
                "gave up after retries: " + lastError.getMessage()));
    }

    /** A bug or unforeseen failure: still one clear failed result, never a silent drop. */
    public ProcessingResult unexpected(ConsumerRecord<String, String> record, RuntimeException error, long startedNanos) {
        log.atError().setCause(error).addKeyValue("file_key", record.key()).log("unexpected failure processing {}", record.key());
        String fallbackId = record.topic() + "-" + record.partition() + "-" + record.offset();
        return logged(results.failure(new TaskOutcome(fallbackId, new ObjectLocation(defaults.sourceBucket(), record.key()), 0,
                seconds(startedNanos), null), ErrorCode.INTERNAL_ERROR, "unexpected error: " + error));
    }

    private void checkTask(FileTask task) {
        if (task.bucket() == null) {
            throw new TaskFailure(ErrorCode.INVALID_TASK, "task for '" + task.key() + "' names no bucket and OBS_SOURCE_BUCKET is not set");
        }
        if (task.destBucket() == null) {
            throw new TaskFailure(ErrorCode.INVALID_TASK, "task for '" + task.key() + "' names no dest_bucket and OBS_DEST_BUCKET is not set");
        }
        KeySafety.problemWith(task.key()).ifPresent(problem -> {
            throw new TaskFailure(ErrorCode.UNSAFE_KEY, "unsafe object key: " + problem);
        });
        KeySafety.problemWith(task.destKey()).ifPresent(problem -> {
            throw new TaskFailure(ErrorCode.UNSAFE_KEY, "unsafe destination key: " + problem);
        });
    }

    private void checkSize(StoredObject object) {
        if (object.size() == 0) {
            throw new TaskFailure(ErrorCode.CORRUPT_CONTENT, "object '" + object.key() + "' is empty (0 bytes)");
        }
        if (object.size() > limits.maxFileSize()) {
            throw new TaskFailure(ErrorCode.TOO_LARGE, "object '" + object.key() + "' is " + SizeFormat.format(object.size())
                    + ", larger than MAX_FILE_SIZE (" + SizeFormat.format(limits.maxFileSize()) + ")");
        }
    }

    private long reserveDisk(StoredObject object) {
        try {
            diskBudget.reserve(object.size());
            return object.size();
        } catch (DiskBudget.ExceedsBudgetException e) {
            throw new TaskFailure(ErrorCode.TOO_LARGE, "object '" + object.key() + "' is " + SizeFormat.format(object.size())
                    + ", larger than the temp-disk budget WORKER_TEMP_DISK_BUDGET (" + SizeFormat.format(e.capacity()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientTaskException(ErrorCode.INTERNAL_ERROR, "interrupted while waiting for temp-disk space", e);
        }
    }

    /** Receives the object into the download file while processing it; a failed download outranks what the processor made of it. */
    private long downloadAndProcess(FileTask task, StoredObject object, FileProcessor processor, TaskFiles files) {
        if (processor instanceof PartReadingProcessor inParts && inParts.readsInParts(object.size())) {
            DecodedContent start = plainUtf8Start(task, object);
            if (start != null) {
                return processInParts(task, object, inParts, files, start);
            }
        }
        try (StreamingDownload download = StreamingDownload.start(store.open(task.bucket(), task.key()), files.download(),
                object.size(), task.bucket() + "/" + task.key(), downloads)) {
            long outputSize;
            try {
                outputSize = processInto(task, object, processor, files, download.content());
            } catch (TaskFailure | TransientTaskException e) {
                download.throwIfFailed();
                throw e;
            }
            download.finish();
            return outputSize;
        }
    }

    private long processInto(FileTask task, StoredObject object, FileProcessor processor, TaskFiles files, InputStream raw) {
        try {
            DecodedContent content = decoder.decode(task.key(), raw, processor.readsText(), object.size());
            ProcessingReport report = processor.process(content.stream(),
                    new ProcessingContext(task.key(), content.contentKey(), content.compressed(), object.size()));
            return OutputDocument.write(files.upload(), task, object, processor.name(), content, report, clock.instant());
        } catch (ContentTooLargeException e) {
            throw new TaskFailure(ErrorCode.TOO_LARGE, e.getMessage());
        } catch (CorruptContentException e) {
            throw new TaskFailure(ErrorCode.CORRUPT_CONTENT, e.getMessage());
        } catch (IOException e) {
            throw new TransientTaskException(ErrorCode.INTERNAL_ERROR, "local processing of '" + task.key() + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * How the object's first bytes decode if it is uncompressed UTF-8 text, the only content whose byte
     * ranges a processor can read apart; null otherwise.
     */
    private DecodedContent plainUtf8Start(FileTask task, StoredObject object) {
        if (!ContentDecoder.contentKeyOf(task.key()).equals(task.key())) {
            return null;
        }
        long sampleEnd = Math.min(object.size(), ContentDecoder.SAMPLE_BYTES) - 1;
        try (InputStream sample = store.open(task.bucket(), task.key(), 0, sampleEnd)) {
            DecodedContent start = decoder.decode(task.key(), sample, true, sampleEnd + 1);
            return !start.compressed() && StandardCharsets.UTF_8.equals(start.charset()) ? start : null;
        } catch (CorruptContentException e) {
            return null; // the one-stream read reports it, as for any object
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_UNAVAILABLE, "download of " + task.bucket() + "/" + task.key()
                    + " was interrupted: " + e.getMessage(), e);
        }
    }

    /** Reads the object as byte ranges on several threads, each written into the download file as it arrives. */
    private long processInParts(FileTask task, StoredObject object, PartReadingProcessor processor, TaskFiles files,
                                DecodedContent start) {
        try (RangedDownload ranges = new RangedDownload(store, task.bucket(), task.key(), object.size(), files.download())) {
            ProcessingReport report = processor.process(ranges,
                    new ProcessingContext(task.key(), start.contentKey(), false, object.size()));
            return OutputDocument.write(files.upload(), task, object, processor.name(), start, report, clock.instant());
        } catch (ContentTooLargeException e) {
            throw new TaskFailure(ErrorCode.TOO_LARGE, e.getMessage());
        } catch (CorruptContentException e) {
            throw new TaskFailure(ErrorCode.CORRUPT_CONTENT, e.getMessage());
        } catch (IOException e) {
            throw new TransientTaskException(ErrorCode.INTERNAL_ERROR, "local processing of '" + task.key() + "' failed: " + e.getMessage(), e);
        }
    }

    private TaskOutcome outcome(FileTask task, long inputSize, long started) {
        return new TaskOutcome(task.taskId(), new ObjectLocation(task.bucket(), task.key()), inputSize, seconds(started), task.generatedAt());
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000_000.0) / 1000.0;
    }

    private static ProcessingResult logged(ProcessingResult result) {
        var event = result.succeeded() ? log.atInfo() : log.atWarn();
        event.addKeyValue("task_id", result.taskId())
                .addKeyValue("status", result.status().wireName())
                .addKeyValue("file_key", result.source().key())
                .addKeyValue("processing_time", result.processingTime())
                .addKeyValue("input_size", result.fileInfo().inputSize())
                .addKeyValue("output_size", result.fileInfo().outputSize());
        // In JSON lines "event" carries the seed's words, so its jq recipes (select(.event == "处理完成")) keep working.
        if (result.succeeded()) {
            event.addKeyValue("event", "处理完成").addKeyValue("processor", result.processor()).log("file processed");
        } else {
            event.addKeyValue("event", "处理失败").addKeyValue("error_code", result.errorCode()).addKeyValue("error", result.error())
                    .log("file failed: {}", result.error());
        }
        return result;
    }

    /** The size limits and cleanup policy a task runs under. */
    public record TaskLimits(long maxFileSize, boolean cleanupFiles, boolean cleanupOnError) {
    }
}
