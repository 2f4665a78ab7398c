package io.obspipe.platform.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Startup against a loopback port where no broker listens: KAFKA_STARTUP_TIMEOUT is honoured, quietly, then one sentence. */
@ExtendWith(OutputCaptureExtension.class)
class KafkaStartupTimeoutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({KafkaSupportConfiguration.class, KafkaAutoConfiguration.class})
    static class TopicsAtStartup {
    }

    @Test
    void anUnreachableBrokerFailsStartupAfterTheTimeoutWithOneLineBeforeTheSentence(CapturedOutput output) throws IOException {
        String servers = "127.0.0.1:" + unusedPort();
        SpringApplicationBuilder app = new SpringApplicationBuilder(TopicsAtStartup.class).web(WebApplicationType.NONE)
                .properties("spring.config.import=classpath:pipeline-shared.yml", "spring.application.name=startup-test",
                        "LOG_FORMAT=console", "KAFKA_BOOTSTRAP_SERVERS=" + servers, "KAFKA_STARTUP_TIMEOUT=" + TIMEOUT.toSeconds() + "s");

        assertThatThrownBy(app::run).isInstanceOf(IllegalStateException.class);
        Instant failed = Instant.now();

        List<String> lines = output.getAll().lines().toList();
        String waiting = lines.stream().filter(line -> line.contains("waiting up to 4s for Kafka at " + servers)).findFirst().orElseThrow();
        Duration waited = Duration.between(Instant.parse(waiting.substring(0, waiting.indexOf(' '))), failed);
        assertThat(waited).isBetween(TIMEOUT.minusSeconds(1), TIMEOUT.plusSeconds(1));
        assertThat(lines).noneMatch(line -> line.contains("could not be established"));
        assertThat(lines.subList(lines.indexOf(waiting), lines.size())).filteredOn(line -> line.contains(" WARN "))
                .allMatch(line -> line.contains("cancelling refresh attempt"));
        assertThat(output.getAll()).contains("Kafka is not reachable at " + servers
                + " (KAFKA_BOOTSTRAP_SERVERS): no answer within 4s (KAFKA_STARTUP_TIMEOUT)");
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
