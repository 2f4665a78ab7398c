package io.obspipe.notifier.sink;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SinkDispatcherTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aThrowingSinkDoesNotKeepTheResultsFromTheOtherSinks(CapturedOutput output) {
        RecordingSink recorder = new RecordingSink("recorder", "");
        RecordingSink broken = new RecordingSink("broken", "*");
        SinkDispatcher dispatcher = new SinkDispatcher(List.of(recorder, broken), meters);

        dispatcher.dispatch(List.of(result("a", "success"), result("b", "failed")));

        assertThat(dispatcher.sinkNames()).containsExactly("broken", "recorder");
        assertThat(recorder.delivered).containsExactly("a", "b");
        assertThat(deliveries("recorder", "delivered")).isEqualTo(2);
        assertThat(deliveries("recorder", "failed")).isZero();
        assertThat(deliveries("broken", "delivered")).isZero();
        assertThat(deliveries("broken", "failed")).isEqualTo(2);
        assertThat(meters.get("pipeline.notifier.sink.latency").tag("sink", "broken").timer().count()).isEqualTo(2);
        assertThat(meters.get("pipeline.notifier.sink.latency").tag("sink", "recorder").timer().count()).isEqualTo(2);
        assertThat(output.getOut().lines().filter(line -> line.contains("could not deliver")))
                .hasSize(2)
                .first().asString()
                .contains("sink broken could not deliver the result of a.csv: java.lang.IllegalStateException: sink broken is down");
        assertThat(output.getOut()).as("one line per failure, no stack trace").doesNotContain("SinkLane.deliver(");
    }

    @Test
    void aSinkThatFailsOnOneResultStillGetsTheNextOnes() {
        RecordingSink flaky = new RecordingSink("flaky", "b");
        SinkDispatcher dispatcher = new SinkDispatcher(List.of(flaky), meters);

        dispatcher.dispatch(List.of(result("a", "success"), result("b", "success"), result("c", "failed")));

        assertThat(flaky.delivered).containsExactly("a", "c");
        assertThat(deliveries("flaky", "delivered")).isEqualTo(2);
        assertThat(deliveries("flaky", "failed")).isEqualTo(1);
    }

    private double deliveries(String sink, String outcome) {
        return meters.get("pipeline.notifier.sink.deliveries").tag("sink", sink).tag("outcome", outcome).counter().count();
    }

    private static ProcessingResult result(String taskId, String status) {
        String json = "{\"task_id\":\"" + taskId + "\",\"status\":\"" + status + "\",\"source\":{\"bucket\":\"in\",\"key\":\"" + taskId + ".csv\"}}";
        return MessageCodec.decodeResult(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Records the task ids it delivered; throws for the task id it is told to fail on ("*" = every one). */
    private static final class RecordingSink implements ResultSink {

        private final String name;
        private final String failOn;
        private final List<String> delivered = new ArrayList<>();

        RecordingSink(String name, String failOn) {
            this.name = name;
            this.failOn = failOn;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void deliver(ProcessingResult result) {
            if (failOn.equals("*") || failOn.equals(result.taskId())) {
                throw new IllegalStateException("sink " + name + " is down");
            }
            delivered.add(result.taskId());
        }
    }
}
