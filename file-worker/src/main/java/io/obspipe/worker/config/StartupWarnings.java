package io.obspipe.worker.config;

import io.obspipe.platform.kafka.PipelineKafkaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Settings the worker accepts but overrides or cannot use fully, said once at startup. */
@Component
class StartupWarnings {

    private static final Logger log = LoggerFactory.getLogger(StartupWarnings.class);

    private final WorkerProperties worker;
    private final PipelineKafkaProperties kafka;
    private final boolean legacyAutoCommit;

    StartupWarnings(WorkerProperties worker, PipelineKafkaProperties kafka,
                    @Value("${pipeline.legacy.enable-auto-commit:false}") boolean legacyAutoCommit) {
        this.worker = worker;
        this.kafka = kafka;
        this.legacyAutoCommit = legacyAutoCommit;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        if (legacyAutoCommit) {
            log.warn("KAFKA_ENABLE_AUTO_COMMIT=true is ignored: the worker commits each offset only after the task's result "
                    + "event is acknowledged, so no task is lost if the worker dies");
        }
        log.atInfo().addKeyValue("worker_id", worker.workerId()).addKeyValue("pool_size", worker.poolSize())
                .log("file-worker ready: consuming {} with {} task thread(s)", kafka.topics().tasks(), worker.poolSize());
    }
}
