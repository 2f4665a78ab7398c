package io.obspipe.deploy.project;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the checks derive from the apps' real configuration files and code. */
class AppTest {

    @Test
    void theAppsAreTheModulesWithAnApplicationYml() {
        assertThat(App.all()).extracting(App::name).containsExactly("task-generator", "file-worker", "result-notifier", "analysis-worker");
        assertThat(App.named("file-worker").modules()).contains("file-worker", "pipeline-support", "common-model")
                .doesNotContain("local-stack/launcher");
    }

    @Test
    void anAppReadsTheVariablesOfItsFilesItsCodeAndTheSharedFile() {
        App worker = App.named("file-worker");
        assertThat(worker.environmentNames()).contains("POOL_SIZE", "DBC_FACTORY", "KAFKA_BOOTSTRAP_SERVERS", "OBS_SECRET_KEY")
                // read by pipeline-support's code, not through a placeholder
                .contains("LOG_FORMAT")
                .doesNotContain("NOTIFIER_GROUP_ID");
        assertThat(App.named("result-notifier").reads("POOL_SIZE")).isFalse();
        assertThat(App.named("task-generator").reads("SOURCE_BUCKET")).isTrue();
    }

    @Test
    void variablesSpringBootBindsByItselfAreRead() {
        App worker = App.named("file-worker");
        assertThat(worker.reads("MANAGEMENT_SERVER_PORT")).isTrue();
        // dashes are dropped: spring.kafka.client-id is SPRING_KAFKA_CLIENTID, SPRING_KAFKA_CLIENT_ID binds nothing
        assertThat(worker.reads("SPRING_KAFKA_CLIENTID")).isTrue();
        assertThat(worker.reads("SPRING_KAFKA_CLIENT_ID")).isFalse();
        assertThat(worker.reads("LOGGING_LEVEL_ORG_APACHE_KAFKA")).as("under the map logging.level").isTrue();
        assertThat(worker.reads("PIPELINE_WORKER_POOLSIZE")).as("a property of the app's own file").isTrue();
        assertThat(worker.reads("MANAGEMENT_SERVR_PORT")).isFalse();
    }

    @Test
    void settingsResolveAsSpringBootResolvesThem() {
        App worker = App.named("file-worker");
        assertThat(worker.managementPort(Map.of())).isEqualTo(8081);
        assertThat(worker.managementPort(Map.of("SERVER_PORT", "9000"))).isEqualTo(9000);
        assertThat(worker.managementPort(Map.of("SERVER_PORT", "9000", "MANAGEMENT_SERVER_PORT", "9100"))).isEqualTo(9100);
        assertThat(App.named("result-notifier").managementPort(Map.of())).isEqualTo(8080);
        assertThat(worker.setting("management.metrics.tags.application", Map.of())).isEqualTo("file-worker");
        assertThat(worker.actuatorPath("health/readiness")).isEqualTo("/actuator/health/readiness");
        assertThat(worker.isWebApp(Map.of())).isTrue();
    }

    @Test
    void theGeneratorIsAWebAppOnlyInContinuousMode() {
        App generator = App.named("task-generator");
        assertThat(generator.isWebApp(Map.of())).as("one run, then exit").isFalse();
        assertThat(generator.isWebApp(Map.of("GENERATOR_SCAN_INTERVAL", ""))).as("an empty interval is unset").isFalse();
        assertThat(generator.isWebApp(Map.of("GENERATOR_SCAN_INTERVAL", "60s"))).isTrue();
        assertThat(generator.managementPort(Map.of())).isEqualTo(8082);
    }

    @Test
    void theWorkersShutdownTimeIsItsDrainTimeOrSpringsPhaseTimeout() {
        App worker = App.named("file-worker");
        Duration lifecycle = worker.duration("spring.lifecycle.timeout-per-shutdown-phase", Map.of());
        assertThat(worker.shutdownTime(Map.of("WORKER_SHUTDOWN_GRACE", "100s", "WORKER_REVOKE_GRACE", "20s"))).isEqualTo(Duration.ofSeconds(120));
        assertThat(worker.shutdownTime(Map.of("WORKER_SHUTDOWN_GRACE", "1s", "WORKER_REVOKE_GRACE", "1s"))).isEqualTo(lifecycle);
        assertThat(App.named("result-notifier").shutdownTime(Map.of())).as("Boot's default phase timeout").isEqualTo(Duration.ofSeconds(30));
    }
}
