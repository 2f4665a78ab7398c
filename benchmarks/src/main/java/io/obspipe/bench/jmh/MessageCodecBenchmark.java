package io.obspipe.bench.jmh;

import io.obspipe.model.FileInfo;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Encoding and decoding the task and result messages (what every generator, worker and notifier does per record). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessageCodecBenchmark {

    private FileTask task;
    private ProcessingResult result;
    private String taskJson;
    private byte[] resultJson;

    @Setup
    public void prepare() {
        Instant now = Instant.parse("2026-11-25T10:00:00.123Z");
        task = new FileTask("6f1c2a0e-3b7d-4a51-9d1e-2f8a7c9b0d11", "data/2026/11/orders-000123.csv", "input-files",
                "processed-files", null, 2048L, "0123456789abcdef0123456789abcdef", now, now);
        result = new ProcessingResult(now, WorkerType.MULTI_PROCESS, ResultStatus.SUCCESS,
                new ObjectLocation("input-files", task.key()), new ObjectLocation("processed-files", task.key() + ".parsed.json"),
                FileInfo.of(2048, 911), null, null, task.taskId(), 0.012, "file-worker-7c9f", "csv", now);
        taskJson = MessageCodec.encodeToString(task);
        resultJson = MessageCodec.encode(result);
    }

    @Benchmark
    public String encodeTask() {
        return MessageCodec.encodeToString(task);
    }

    @Benchmark
    public FileTask decodeTask() {
        return MessageCodec.decodeTask(taskJson);
    }

    @Benchmark
    public byte[] encodeResult() {
        return MessageCodec.encode(result);
    }

    @Benchmark
    public ProcessingResult decodeResult() {
        return MessageCodec.decodeResult(resultJson);
    }

    /**
     * What decoding costs without MessageCodec's checks (blank test on a String copy, then a tree, then
     * binding the tree): the ceiling of decoding straight into the record, a change proposed for the codec.
     */
    @Benchmark
    public ProcessingResult decodeResultBindingDirectly() {
        return MessageCodec.mapper().readValue(resultJson, ProcessingResult.class);
    }
}
