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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wait for a kept producer's commit markers, on kafka-clients' mock clients. */
class JobClientsTest {

    private static final String STATE = "state";
    private static final TopicPartition CONTROL = new TopicPartition(STATE, 0);
    private static final TopicPartition CHUNKS = new TopicPartition(STATE, 1);

    /** The partitions' ends once the transaction's commit markers are written, and before. */
    private static final Map<TopicPartition, Long> COMMITTED = Map.of(CONTROL, 1L, CHUNKS, 2L);
    private static final Map<TopicPartition, Long> MARKERS_PENDING = Map.of(CONTROL, 1L, CHUNKS, 1L);

    /** How many reads of the ends still show {@link #MARKERS_PENDING}. */
    private int readsBeforeMarkers;
    private int endReads;
    private final MockConsumer<String, byte[]> stateConsumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
            updateEndOffsets(++endReads <= readsBeforeMarkers ? MARKERS_PENDING : COMMITTED);
            return super.endOffsets(partitions);
        }
    };
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
    void aScanWaitsUntilEveryStatePartitionShowsWhatTheLastTransactionCommitted() {
        readsBeforeMarkers = 2;

        clients.awaitCommittedWrites(Duration.ofSeconds(60));

        assertThat(endReads).as("reads of the partitions' ends: two behind, then one that shows the commit").isEqualTo(3);
    }

    @Test
    void whenThePartitionsStayBehindTheWaitEndsWithASentenceNamingThem() {
        readsBeforeMarkers = Integer.MAX_VALUE;

        assertThatThrownBy(() -> clients.awaitCommittedWrites(Duration.ofSeconds(1)))
                .isInstanceOf(IncrementalScanException.class)
                .hasMessage("the state topic's partitions [state-1] do not yet show what the previous scan committed after 1 s"
                        + " (a transaction left open holds them back until it times out); the next scan tries again");
    }
}
