package io.obspipe.generator;

import io.obspipe.generator.plan.GeneratorProperties;
import io.obspipe.generator.publish.Publication;
import io.obspipe.generator.publish.PublishSummary;
import io.obspipe.generator.publish.TaskPublisher;
import io.obspipe.generator.task.Tasks;
import io.obspipe.model.FileTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Programmatic task generation (the seed's {@code TaskGenerator}): build tasks for known keys and send
 * them through the same publisher the command-line modes use.
 * <pre>{@code
 * List<FileTask> tasks = generator.tasksFromKeys(List.of("data/file1.csv", "data/file2.json"), "my-bucket");
 * PublishSummary summary = generator.send(tasks, 50);
 * }</pre>
 */
@Component
public class TaskGenerator {

    private static final Logger log = LoggerFactory.getLogger(TaskGenerator.class);

    private final TaskPublisher publisher;
    private final String defaultDestBucket;

    public TaskGenerator(TaskPublisher publisher, GeneratorProperties settings) {
        this.publisher = publisher;
        this.defaultDestBucket = settings.destBucket();
    }

    /** Tasks for {@code keys} in {@code bucket}, with DEST_BUCKET (or OBS_DEST_BUCKET) as destination when set. */
    public List<FileTask> tasksFromKeys(List<String> keys, String bucket) {
        return tasksFromKeys(keys, bucket, defaultDestBucket);
    }

    /** Tasks for {@code keys} in {@code bucket}; a null {@code destBucket} leaves the destination to the worker. */
    public List<FileTask> tasksFromKeys(List<String> keys, String bucket, String destBucket) {
        return keys.stream().map(key -> Tasks.forKey(key, bucket, destBucket)).toList();
    }

    /**
     * Sends the tasks with at most {@code batchSize} of them awaiting the broker's acknowledgement, and
     * returns once every sent task is acknowledged or failed. Sending stops at the first failure.
     */
    public PublishSummary send(List<FileTask> tasks, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        Publication publication = publisher.start(batchSize);
        try (publication) {
            publication.sendAll(tasks.iterator());
        }
        PublishSummary summary = publication.summary();
        log.atInfo().addKeyValue("published", summary.published()).addKeyValue("failed", summary.failed())
                .log("sent " + tasks.size() + " task(s): published=" + summary.published() + " failed=" + summary.failed());
        return summary;
    }
}
