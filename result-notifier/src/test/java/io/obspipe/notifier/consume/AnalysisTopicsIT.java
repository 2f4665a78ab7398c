package io.obspipe.notifier.consume;

import io.obspipe.notifier.config.AnalysisTopicsProperties;
import io.obspipe.notifier.support.ResultsTopic;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the analysis stage's topics a notifier reads when it does not create topics, asked of the real broker. */
@ExtendWith(OutputCaptureExtension.class)
class AnalysisTopicsIT {

    @Test
    void withoutTopicCreationATopicThatDoesNotExistIsNotReadAndOneLineSaysSo(CapturedOutput output) throws Exception {
        String existing = "analysis-topics-it-analyses";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ResultsTopic.brokers()))) {
            admin.createTopics(List.of(new NewTopic(existing, 1, (short) 1))).all().get();
        }
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(ResultsTopic.brokers()));
        PipelineKafkaProperties pipeline = new PipelineKafkaProperties(
                new PipelineKafkaProperties.Topics("tasks", "results", 1, (short) 1, false),
                new PipelineKafkaProperties.Sasl("PLAIN", null, null), List.of());

        EventTopics topics = new AnalysisTopicsConfiguration()
                .eventTopics(new AnalysisTopicsProperties(existing, "analysis-topics-it-missing"), pipeline, kafka);

        assertThat(topics).isEqualTo(new EventTopics("results", existing, null));
        assertThat(output.getOut()).containsOnlyOnce("the topic analysis-topics-it-missing (ANALYSIS_KEY_POOL_TOPIC) does not exist "
                + "and KAFKA_CREATE_TOPICS is false, so the notifier reads no key pool snapshots");
        assertThat(output.getOut()).doesNotContain("(ANALYSIS_TOPIC) does not exist");
    }
}
