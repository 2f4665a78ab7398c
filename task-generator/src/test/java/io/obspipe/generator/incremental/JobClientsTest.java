package io.obspipe.generator.incremental;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wait for a kept producer's commit markers, on kafka-clients' mock clients. */
class JobClientsTest {

    private static final String STATE = "state";
    private static final TopicPartition CONTROL = new TopicPartition(STATE, 0);
    private static final TopicPartition CHUNKS = new TopicPartition(STATE, 1);

    private final MockConsumer<String, byte[]> stateConsumer = new MockConsumer<>("earliest");
    private JobClients clients;

    @BeforeEach
    void committedOneTransaction() {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = List.of(
                new PartitionInfo(STATE, 0, node, null, null), new PartitionInfo(STATE, 1, node, null, null),
                new PartitionInfo("tasks", 0, node, null, null));
        MockProducer<String, byte[]> producer = new MockProducer<>(new Cluster("test", List.of(node), partitions, Set.of(), Set.of()),
                true, null, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        StateClients factory = new StateClients(new KafkaProperties(), "test-") {
            @Override
            Map<Integer, Producer<String, byte[]>> transactionalProducers(JobId job, Collection<Integer> ranges) {
                return Map.of(0, producer);
            }

            @Override
            Consumer<String, byte[]> stateConsumer(JobId job, String role) {
                return stateConsumer;
            }
        };
        clients = new JobClients(factory, new JobId("bucket", ""));
        clients.fence(List.of(0));
        clients.transaction(0, STATE, writes -> {
            writes.send(new ProducerRecord<>(STATE, 0, "head", new byte[1]));
            writes.send(new ProducerRecord<>(STATE, 1, "chunk-0", new byte[1]));
            writes.send(new ProducerRecord<>(STATE, 1, "chunk-1", new byte[1]));
            writes.send(new ProducerRecord<>("tasks", 0, "object", new byte[1]));
        });
    }

    @Test
    void aScanWaitsUntilEveryStatePartitionShowsWhatTheLastTransactionCommitted() throws Exception {
        stateConsumer.updateEndOffsets(Map.of(CONTROL, 1L, CHUNKS, 1L));
        CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> clients.awaitCommittedWrites(Duration.ofSeconds(60)));

        Thread.sleep(200);
        assertThat(waited).isNotDone();

        stateConsumer.updateEndOffsets(Map.of(CHUNKS, 2L));
        waited.get(30, TimeUnit.SECONDS);
    }

    @Test
    void whenThePartitionsStayBehindTheWaitEndsWithASentenceNamingThem() {
        stateConsumer.updateEndOffsets(Map.of(CONTROL, 1L, CHUNKS, 1L));

        assertThatThrownBy(() -> clients.awaitCommittedWrites(Duration.ofSeconds(1)))
                .isInstanceOf(IncrementalScanException.class)
                .hasMessage("the state topic's partitions [state-1] do not yet show what the previous scan committed after 1 s"
                        + " (a transaction left open holds them back until it times out); the next scan tries again");
    }
}
