package io.obspipe.notifier.consume;

import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.RetryPolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.Acknowledgment;

import java.util.List;

/**
 * The one lane of all {@link ResultSink#inProcess() in-process} sinks (log, metrics, summary, live feed):
 * it reads and decodes each result once and hands it to each of them in turn. They cannot be slow or
 * fail for a reason outside this process, so sharing a lane holds none of them back, and it saves a
 * consumer and a decode per result and sink. A sink that throws still only loses that result for
 * itself: the failure is counted and logged as that sink's dead letter, and the others get the result.
 */
final class InProcessSinkLane extends SinkLane {

    static final String NAME = "local";

    private final List<SinkDelivery> deliveries;
    private final ResultRecordDecoder decoder;
    private final boolean reportsUnreadableRecords;

    InProcessSinkLane(List<SinkDelivery> deliveries, ResultRecordDecoder decoder) {
        this.deliveries = List.copyOf(deliveries);
        this.decoder = decoder;
        this.reportsUnreadableRecords = this.deliveries.stream().anyMatch(SinkDelivery::reportsUnreadableRecords);
    }

    @Override
    String name() {
        return NAME;
    }

    /**
     * Commits without waiting: the round trip per poll cost this lane about a third of its throughput (docs/benchmarks.md),
     * and the price, a log line or a live-feed push repeated after a crash, is small (counters and the summary start
     * from zero after a restart anyway).
     */
    @Override
    boolean waitsForCommits() {
        return false;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        for (ConsumerRecord<String, byte[]> record : records) {
            ProcessingResult result = decoder.decode(record, reportsUnreadableRecords);
            if (result != null) {
                for (SinkDelivery delivery : deliveries) {
                    delivery.deliver(record, result, RetryPolicy.NONE);
                }
            }
        }
        ack.acknowledge();
    }
}
