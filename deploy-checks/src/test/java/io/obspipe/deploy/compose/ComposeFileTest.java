package io.obspipe.deploy.compose;

import io.obspipe.deploy.project.App;
import io.obspipe.deploy.project.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/docker-compose.yml against the apps' configuration: names, ports, images and paths it relies on. */
@SuppressWarnings("unchecked")
class ComposeFileTest {

    /** Time a container gets beyond the app's longest graceful shutdown, for the JVM to exit. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    final ComposeFile compose = new ComposeFile();

    /** Further services of an app (the worker groups of TASK_ROUTES) are named {@code <app>-<group>}. */
    @Test
    void theThreeAppsAreServicesOfTheirOwnNameBuiltFromTheProjectDockerfile() {
        assertThat(Set.copyOf(compose.appOfService().values())).containsExactlyInAnyOrderElementsOf(App.all().stream().map(App::name).toList());
        App.all().forEach(app -> assertThat(compose.appOfService()).as("the service of app %s", app.name()).containsEntry(app.name(), app.name()));
        compose.appOfService().forEach((service, app) -> {
            assertThat(service).as("a service of app %s", app).matches(Pattern.quote(app) + "(-[a-z0-9]+)?");
            Map<String, Object> build = (Map<String, Object>) compose.service(service).get("build");
            String dockerfile = ProjectFiles.path("deploy").resolve(build.get("context").toString())
                    .resolve(build.get("dockerfile").toString()).normalize().toString();
            assertThat(dockerfile).as("%s's Dockerfile", service).isEqualTo(ProjectFiles.path(DockerImageTest.DOCKERFILE).toString());
            assertThat(compose.strings(service, "image").get(0)).as("%s's image", service).startsWith("obs-pipeline/" + app + ":");
        });
    }

    @Test
    void everyVariableGivenToAnAppIsOneTheAppReads() {
        List<String> unread = new ArrayList<>();
        compose.appOfService().forEach((service, app) -> compose.environment(service).keySet().stream()
                .filter(variable -> !App.named(app).reads(variable))
                .forEach(variable -> unread.add(service + ": " + variable)));
        assertThat(unread).as("variables set in %s that the app does not read", ComposeFile.PATH).isEmpty();
    }

    @Test
    void everyVariableTheFileInterpolatesIsListedInTheEnvExample() {
        Set<String> listed = new LinkedHashSet<>();
        for (String line : ProjectFiles.read("deploy/.env.example").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                listed.add(line.substring(0, line.indexOf('=')).strip());
            }
        }
        assertThat(listed).as("deploy/.env.example vs the ${...} of %s", ComposeFile.PATH)
                .containsExactlyInAnyOrderElementsOf(compose.interpolatedVariables());
    }

    @Test
    void publishedPortsArePortsTheAppsListenOn() {
        compose.appOfService().forEach((service, app) -> {
            int port = App.named(app).managementPort(compose.environment(service));
            for (String mapping : compose.strings(service, "ports")) {
                assertThat(containerPort(mapping)).as("%s publishes %s", service, mapping).isEqualTo(port);
            }
        });
    }

    @Test
    void prometheusScrapesEveryWebAppOnItsActuatorPortAndPath() {
        Map<String, Object> prometheus = ProjectFiles.yaml("deploy/prometheus/prometheus.yml");
        Map<String, String> pathByTarget = new LinkedHashMap<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            String path = String.valueOf(job.getOrDefault("metrics_path", "/metrics"));
            for (Map<String, Object> config : (List<Map<String, Object>>) job.getOrDefault("static_configs", List.of())) {
                ((List<String>) config.get("targets")).forEach(target -> pathByTarget.put(target, path));
            }
            for (Map<String, Object> config : (List<Map<String, Object>>) job.getOrDefault("dns_sd_configs", List.of())) {
                ((List<String>) config.get("names")).forEach(name -> pathByTarget.put(name + ":" + config.get("port"), path));
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        compose.appOfService().forEach((service, appName) -> {
            App app = App.named(appName);
            if (app.isWebApp(compose.environment(service))) {
                assertThat(app.exposesOverHttp("prometheus")).as("%s exposes /actuator/prometheus", appName).isTrue();
                expected.put(service + ":" + app.managementPort(compose.environment(service)), app.actuatorPath("prometheus"));
            }
        });
        assertThat(pathByTarget).as("scrape targets of deploy/prometheus/prometheus.yml (host:port → path)")
                .containsExactlyInAnyOrderEntriesOf(expected);
        for (Object ruleFile : (List<Object>) prometheus.get("rule_files")) {
            assertThat(ProjectFiles.path("deploy/prometheus").resolve(ruleFile.toString())).as("rule file %s", ruleFile).isRegularFile();
        }
    }

    @Test
    void everyTopicTheGeneratorRoutesToIsReadByAWorkerGroupOfItsOwn() {
        App generator = App.named("task-generator");
        Map<String, String> generatorEnvironment = compose.environment("task-generator");
        Set<String> topics = new LinkedHashSet<>();
        topics.add(generator.setting("pipeline.kafka.topics.tasks", generatorEnvironment));
        String routes = generator.setting("pipeline.generator.task-routes", generatorEnvironment);
        for (String route : routes == null ? new String[0] : routes.split(";")) {
            if (!route.isBlank()) {
                topics.add(route.substring(route.indexOf(':') + 1).strip());
            }
        }
        Map<String, String> groupByTopic = new LinkedHashMap<>();
        App worker = App.named("file-worker");
        compose.appOfService().forEach((service, app) -> {
            if (app.equals(worker.name())) {
                Map<String, String> environment = compose.environment(service);
                groupByTopic.put(worker.setting("pipeline.kafka.topics.tasks", environment),
                        worker.setting("spring.kafka.consumer.group-id", environment));
            }
        });
        assertThat(groupByTopic.keySet()).as("tasks topics of the worker services vs the generator's TASK_ROUTES and KAFKA_TOPIC_TASKS")
                .containsExactlyInAnyOrderElementsOf(topics);
        assertThat(groupByTopic.values()).as("consumer groups of the worker services").doesNotHaveDuplicates();
    }

    @Test
    void appsGetTimeToShutDownGracefully() {
        compose.appOfService().forEach((service, appName) -> {
            App app = App.named(appName);
            if (app.isWebApp(compose.environment(service))) {
                Duration needed = app.shutdownTime(compose.environment(service)).plus(STOP_MARGIN);
                Duration given = DurationStyle.detectAndParse(String.valueOf(compose.service(service).getOrDefault("stop_grace_period", "10s")));
                assertThat(given).as("%s's stop_grace_period", service).isGreaterThanOrEqualTo(needed);
            }
        });
    }

    @Test
    void theGeneratorRunsInContinuousModeAndItsHealthcheckAsksTheActuatorReadiness() {
        App generator = App.named("task-generator");
        Map<String, String> environment = compose.environment(generator.name());
        assertThat(generator.isWebApp(environment)).as("the generator service sets GENERATOR_SCAN_INTERVAL").isTrue();
        assertThat(compose.service(generator.name())).as("the generator service is started by `up`, not only on demand")
                .doesNotContainKey("profiles");
        compose.appOfService().forEach((service, appName) -> {
            Map<String, Object> healthcheck = (Map<String, Object>) compose.service(service).get("healthcheck");
            if (healthcheck != null) {
                App app = App.named(appName);
                String test = String.join(" ", (List<String>) healthcheck.get("test"));
                assertThat(app.isWebApp(compose.environment(service))).as("%s serves HTTP for its healthcheck", service).isTrue();
                assertThat(test).as("%s's healthcheck", service)
                        .contains(app.actuatorPath("health/readiness"))
                        .containsPattern("\\b" + app.managementPort(compose.environment(service)) + "\\b");
            }
        });
    }

    @Test
    void appsReachTheBrokerAndTheObjectStoreOfTheFile() {
        Map<String, String> kafka = compose.environment("kafka");
        Map<String, String> minio = compose.environment("minio");
        compose.appOfService().forEach((service, appName) -> {
            App app = App.named(appName);
            Map<String, String> environment = compose.environment(service);
            for (String broker : app.setting("spring.kafka.bootstrap-servers", environment).split(",")) {
                assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).as("%s's broker %s is a listener the broker advertises", service, broker)
                        .contains("://" + broker.strip());
            }
            URI store = URI.create(app.setting("pipeline.obs.server", environment));
            assertThat(compose.services()).as("%s's object store host", service).containsKey(store.getHost());
            assertThat(store.getPort()).as("%s's object store port (MinIO's API)", service).isEqualTo(9000);
            assertThat(app.setting("pipeline.obs.access-key", environment)).as("%s's access key", service).isEqualTo(minio.get("MINIO_ROOT_USER"));
            assertThat(app.setting("pipeline.obs.secret-key", environment)).as("%s's secret key", service).isEqualTo(minio.get("MINIO_ROOT_PASSWORD"));
            assertThat(app.setting("pipeline.obs.path-style", environment)).as("%s addresses MinIO path-style", service).isEqualTo("true");
        });
    }

    @Test
    void theBucketInitStepCreatesEveryBucketTheAppsUse() {
        String init = String.join(" ", compose.strings("minio-init", "command"));
        Set<String> buckets = new LinkedHashSet<>();
        compose.appOfService().forEach((service, appName) -> {
            App app = App.named(appName);
            for (String property : List.of("pipeline.obs.source-bucket", "pipeline.obs.dest-bucket", "pipeline.generator.source-bucket",
                    "pipeline.generator.dest-bucket")) {
                String bucket = app.setting(property, compose.environment(service));
                if (bucket != null && !bucket.isBlank()) {
                    buckets.add(bucket);
                }
            }
        });
        assertThat(buckets).isNotEmpty();
        buckets.forEach(bucket -> assertThat(init).as("minio-init creates bucket %s", bucket).contains("local/" + bucket));
        assertThat(compose.environment("minio-init").get("MC_HOST_local")).as("minio-init's alias 'local'")
                .isEqualTo("http://" + compose.environment("minio").get("MINIO_ROOT_USER") + ":"
                        + compose.environment("minio").get("MINIO_ROOT_PASSWORD") + "@minio:9000");
    }

    @Test
    void grafanaAndPrometheusFindTheFilesMountedForThem() {
        compose.services().keySet().forEach(service -> {
            for (String volume : compose.strings(service, "volumes")) {
                if (volume.startsWith(".")) {
                    assertThat(ProjectFiles.path("deploy").resolve(volume.split(":")[0]).normalize())
                            .as("%s mounts %s", service, volume).exists();
                }
            }
        });
        Map<String, String> grafanaMounts = mounts("grafana");
        Map<String, Object> provider = ((List<Map<String, Object>>) ProjectFiles.yaml(
                "deploy/grafana/provisioning/dashboards/obs-pipeline.yml").get("providers")).get(0);
        assertThat(grafanaMounts).as("grafana's mounts").containsEntry("./grafana/provisioning", "/etc/grafana/provisioning")
                .containsEntry("./grafana/dashboards", String.valueOf(((Map<String, Object>) provider.get("options")).get("path")));
        Map<String, Object> dataSource = ((List<Map<String, Object>>) ProjectFiles.yaml(
                "deploy/grafana/provisioning/datasources/prometheus.yml").get("datasources")).get(0);
        assertThat(dataSource.get("url")).as("Grafana's data source").isEqualTo("http://prometheus:9090");
        String home = compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        String dashboards = grafanaMounts.get("./grafana/dashboards");
        assertThat(ProjectFiles.path("deploy/grafana/dashboards").resolve(home.substring(dashboards.length() + 1)))
                .as("Grafana's home dashboard %s", home).isRegularFile();
        assertThat(mounts("prometheus")).containsEntry("./prometheus", "/etc/prometheus");
        assertThat(compose.strings("prometheus", "command")).contains("--config.file=/etc/prometheus/prometheus.yml");
    }

    @Test
    void imagesNotBuiltHereArePinnedToAReleaseTag() {
        compose.services().forEach((name, service) -> {
            if (!service.containsKey("build")) {
                String image = compose.strings(name, "image").get(0);
                assertThat(image).as("%s's image", name).matches("[\\w./-]+:[\\w.-]+").doesNotEndWith(":latest");
            }
        });
    }

    private Map<String, String> mounts(String service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String volume : compose.strings(service, "volumes")) {
            String[] parts = volume.split(":");
            mounts.put(parts[0], parts[1]);
        }
        return mounts;
    }

    private static int containerPort(String mapping) {
        String[] parts = mapping.split(":");
        return Integer.parseInt(parts[parts.length - 1].split("/")[0]);
    }
}
