package io.obspipe.analysis.keypool;

import io.obspipe.analysis.AnalysisProperties;
import io.obspipe.model.MessageCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Publishes a {@link io.obspipe.model.KeyPoolStatus} every ANALYSIS_KEY_POOL_INTERVAL, keyed by the worker id. */
final class KeyPoolStatusPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyPoolStatusPublisher.class);

    private final KeyPool pool;
    private final AnalysisProperties settings;
    private final boolean enabled;
    private final KafkaProperties kafka;
    private ScheduledExecutorService timer;
    private Producer<String, String> producer;
    private volatile boolean failing;

    KeyPoolStatusPublisher(KeyPool pool, AnalysisProperties settings, boolean enabled, KafkaProperties kafka) {
        this.pool = pool;
        this.settings = settings;
        this.enabled = enabled;
        this.kafka = kafka;
    }

    @Override
    public synchronized void start() {
        if (!enabled || timer != null) {
            return;
        }
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "analysis-key-pool-" + settings.workerId());
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "key-pool-status");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.keyPoolInterval().toMillis();
        timer.scheduleAtFixedRate(this::publish, 0, period, TimeUnit.MILLISECONDS);
    }

    private void publish() {
        String snapshot = MessageCodec.encodeToString(pool.snapshot(settings.workerId(), settings.maxConcurrent()));
        try {
            producer.send(new ProducerRecord<>(settings.keyPoolTopic(), settings.workerId(), snapshot), (metadata, error) -> {
                if (error != null && !failing) {
                    failing = true;
                    log.warn("cannot publish key pool snapshots to {}: {}", settings.keyPoolTopic(), error.toString());
                } else if (error == null) {
                    failing = false;
                }
            });
        } catch (KafkaException e) {
            log.warn("cannot publish a key pool snapshot: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            producer.close(Duration.ofSeconds(5));
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
