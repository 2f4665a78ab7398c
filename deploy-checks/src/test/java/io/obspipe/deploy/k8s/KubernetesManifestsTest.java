package io.obspipe.deploy.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.obspipe.deploy.project.App;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/k8s against the apps' configuration: objects, variables, probes, shutdown, autoscaling, credentials. */
@SuppressWarnings("unchecked")
class KubernetesManifestsTest {

    /** Time a pod gets beyond the app's longest graceful shutdown, for the JVM to exit. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(10);
    static final Pattern CREDENTIAL = Pattern.compile(".*(SECRET|PASSWORD|ACCESS_KEY|TOKEN|USERNAME).*");
    static final App WORKER = App.named("file-worker");

    @Test
    void everyFileParsesAsKubernetesObjectsWithoutUnknownFields() {
        assertThat(Manifests.files()).containsAll(Manifests.kustomizationResources());
        for (String file : Manifests.files()) {
            List<HasMetadata> objects = Manifests.parse(file);
            assertThat(objects).as(file).isNotEmpty();
            for (HasMetadata object : objects) {
                String name = file + ": " + object.getKind() + " " + object.getMetadata().getName();
                assertThat(object.getApiVersion()).as(name).isNotBlank();
                assertThat(object.getMetadata().getName()).as(name).isNotBlank();
                assertThat(UnknownFields.of(object)).as("%s: fields the Kubernetes API does not have", name).isEmpty();
            }
        }
    }

    @Test
    void longRunningAppsRunAsDeploymentsAndOneShotRunsAsJobs() {
        for (App app : App.all()) {
            List<Manifests.Workload> workloads = Manifests.workloadsOf(app.name());
            assertThat(workloads).as("workloads running %s", app.name()).isNotEmpty();
            for (Manifests.Workload workload : workloads) {
                String name = name(app, workload);
                if (app.isWebApp(environment(app, workload))) {
                    assertThat(workload.owner()).as(name).isInstanceOf(Deployment.class);
                } else {
                    assertThat(workload.owner()).as("%s exits when done: a Deployment would restart it forever", name)
                            .isInstanceOfAny(Job.class, CronJob.class);
                    assertThat(workload.pod().getRestartPolicy()).as(name).isIn("Never", "OnFailure");
                }
                // kustomize appends the tag of the kustomization's images list (KustomizeTest)
                assertThat(workload.container(app.name()).getImage()).as("%s's image", name)
                        .matches(Pattern.quote("obs-pipeline/" + app.name()) + "(:[^:/]+)?");
            }
        }
    }

    @Test
    void oneGeneratorRunsAtATimeTheContinuousDeploymentWithTheOneShotCronJobSuspended() {
        App generator = App.named("task-generator");
        List<Manifests.Workload> workloads = Manifests.workloadsOf(generator.name());
        List<Deployment> deployments = workloads.stream().map(Manifests.Workload::owner)
                .filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
        assertThat(deployments).as("the generator in continuous mode").hasSize(1);
        // two generators of one job fence each other's transactions: never two pods, not even during a rollout
        assertThat(deployments.get(0).getSpec().getReplicas()).as("the generator's replicas").isEqualTo(1);
        assertThat(deployments.get(0).getSpec().getStrategy().getType()).as("the generator's update strategy").isEqualTo("Recreate");
        List<CronJob> cronJobs = workloads.stream().map(Manifests.Workload::owner)
                .filter(CronJob.class::isInstance).map(CronJob.class::cast).toList();
        assertThat(cronJobs).as("the one-shot alternative").hasSize(1);
        assertThat(cronJobs.get(0).getSpec().getSuspend()).as("the one-shot CronJob beside the Deployment is suspended").isTrue();
        assertThat(cronJobs.get(0).getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    }

    @Test
    void everyVariableGivenToAContainerIsOneItsAppReads() {
        List<String> unread = new ArrayList<>();
        for (App app : App.all()) {
            for (Manifests.Workload workload : Manifests.workloadsOf(app.name())) {
                Manifests.environment(workload.container(app.name())).keySet().stream().filter(variable -> !app.reads(variable))
                        .forEach(variable -> unread.add(name(app, workload) + ": " + variable));
            }
        }
        assertThat(unread).as("variables the manifests set that the app does not read").isEmpty();
    }

    @Test
    void credentialsComeOnlyFromTheSecretWhichKustomizeDoesNotOverwrite() {
        assertThat(Manifests.applied(Secret.class)).as("kubectl apply -k must not replace the real Secret with a template").isEmpty();
        for (ConfigMap map : Manifests.applied(ConfigMap.class)) {
            assertThat(map.getData().keySet()).as("credentials in ConfigMap %s", map.getMetadata().getName())
                    .noneMatch(key -> CREDENTIAL.matcher(key).matches());
        }
        for (App app : App.all()) {
            for (Manifests.Workload workload : Manifests.workloadsOf(app.name())) {
                Container container = workload.container(app.name());
                assertThat(container.getEnv()).as("%s: credentials as literal values", name(app, workload))
                        .noneMatch(variable -> CREDENTIAL.matcher(variable.getName()).matches() && variable.getValue() != null);
                assertThat(container.getEnvFrom()).as("%s takes the Secret", name(app, workload)).anyMatch(source -> source.getSecretRef() != null);
            }
        }
        assertThat(Manifests.secretTemplate().getStringData().keySet()).as("the Secret template holds the credentials the apps read")
                .contains("OBS_ACCESS_KEY", "OBS_SECRET_KEY").allMatch(key -> CREDENTIAL.matcher(key).matches());
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnTheManagementPort() {
        for (App app : App.all()) {
            for (Manifests.Workload workload : Manifests.workloadsOf(app.name())) {
                Container container = workload.container(app.name());
                Map<String, String> environment = Manifests.environment(container);
                if (!app.isWebApp(environment)) {
                    continue;
                }
                String name = name(app, workload);
                assertThat(app.hasHealthProbes()).as("%s enables the liveness and readiness groups", name).isTrue();
                assertThat(app.exposesOverHttp("health")).as("%s exposes health", name).isTrue();
                int port = app.managementPort(environment);
                assertProbe(name + " liveness", container.getLivenessProbe(), container, app.actuatorPath("health/liveness"), port);
                assertProbe(name + " readiness", container.getReadinessProbe(), container, app.actuatorPath("health/readiness"), port);
                if (container.getStartupProbe() != null) {
                    assertProbe(name + " startup", container.getStartupProbe(), container, app.actuatorPath("health/liveness"), port);
                }
                Map<String, String> annotations = workload.podMetadata().getAnnotations();
                assertThat(annotations).as("%s's scrape annotations", name)
                        .containsEntry("prometheus.io/scrape", "true")
                        .containsEntry("prometheus.io/path", app.actuatorPath("prometheus"))
                        .containsEntry("prometheus.io/port", Integer.toString(port));
                assertThat(container.getResources().getRequests()).as("%s requests resources", name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as("%s has a memory limit", name).containsKey("memory");
            }
        }
    }

    @Test
    void podsGetTimeToShutDownGracefully() {
        for (App app : App.all()) {
            for (Manifests.Workload workload : Manifests.workloadsOf(app.name())) {
                Map<String, String> environment = environment(app, workload);
                if (!app.isWebApp(environment)) {
                    continue;
                }
                Duration needed = app.shutdownTime(environment).plus(STOP_MARGIN);
                Long given = workload.pod().getTerminationGracePeriodSeconds();
                assertThat(given == null ? Duration.ofSeconds(30) : Duration.ofSeconds(given))
                        .as("%s's terminationGracePeriodSeconds", name(app, workload)).isGreaterThanOrEqualTo(needed);
            }
        }
    }

    @Test
    void theWorkersDiskBudgetFitsTheVolumeItsDownloadsGoTo() {
        Manifests.Workload workers = Manifests.workloadOf(WORKER.name()).orElseThrow();
        Container container = workers.container(WORKER.name());
        Map<String, String> environment = Manifests.environment(container);
        String downloads = WORKER.setting("pipeline.worker.download-dir", environment);
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(candidate -> downloads.startsWith(candidate.getMountPath() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError("no volume is mounted for the downloads at " + downloads));
        Volume volume = workers.pod().getVolumes().stream().filter(candidate -> candidate.getName().equals(mount.getName()))
                .findFirst().orElseThrow();
        assertThat(volume.getEmptyDir()).as("the downloads' volume").isNotNull();
        assertThat(WORKER.setting("pipeline.worker.upload-dir", environment)).as("results are written on the same volume")
                .startsWith(mount.getMountPath() + "/");
        long budget = DataSize.parse(WORKER.setting("pipeline.worker.temp-disk-budget", environment)).toBytes();
        assertThat(volume.getEmptyDir().getSizeLimit().getNumericalAmount().longValue())
                .as("sizeLimit of volume %s vs the worker's temp-disk budget", volume.getName()).isGreaterThan(budget);
    }

    @Test
    void kedaScalesTheWorkersOnTheLagOfTheirGroupOnTheTasksTopic() {
        Deployment workers = (Deployment) Manifests.workloadOf(WORKER.name()).orElseThrow().owner();
        assertThat(workers.getSpec().getReplicas()).as("the autoscaler owns the workers' replica count").isNull();
        Map<String, String> environment = Manifests.environment(Manifests.workloadOf(WORKER.name()).orElseThrow().container(WORKER.name()));
        List<GenericKubernetesResource> scaledObjects = Manifests.applied(GenericKubernetesResource.class).stream()
                .filter(object -> object.getKind().equals("ScaledObject")).toList();
        assertThat(scaledObjects).hasSize(1);
        Map<String, Object> spec = (Map<String, Object>) scaledObjects.get(0).getAdditionalProperties().get("spec");
        assertThat(((Map<String, Object>) spec.get("scaleTargetRef")).get("name")).isEqualTo(workers.getMetadata().getName());
        assertThat(((Number) spec.get("maxReplicaCount")).intValue()).as("more workers than partitions stay idle")
                .isLessThanOrEqualTo(Integer.parseInt(WORKER.setting("pipeline.kafka.topics.partitions", environment)));
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec.get("triggers");
        assertThat(triggers).extracting(trigger -> trigger.get("type")).containsExactly("kafka");
        Map<String, Object> kafka = (Map<String, Object>) triggers.get(0).get("metadata");
        assertThat(kafka).as("the trigger watches what the workers consume")
                .containsEntry("bootstrapServers", WORKER.setting("spring.kafka.bootstrap-servers", environment))
                .containsEntry("consumerGroup", WORKER.setting("spring.kafka.consumer.group-id", environment))
                .containsEntry("topic", WORKER.setting("pipeline.kafka.topics.tasks", environment))
                .containsEntry("offsetResetPolicy", WORKER.setting("spring.kafka.consumer.auto-offset-reset", environment));
    }

    @Test
    void theHpaAlternativeTargetsTheWorkersAndIsNotAppliedBesideKeda() {
        HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) Manifests.parse("file-worker-hpa.yaml").get(0);
        Map<String, String> environment = Manifests.environment(Manifests.workloadOf(WORKER.name()).orElseThrow().container(WORKER.name()));
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(WORKER.name());
        assertThat(hpa.getSpec().getMaxReplicas())
                .isLessThanOrEqualTo(Integer.parseInt(WORKER.setting("pipeline.kafka.topics.partitions", environment)));
        assertThat(Manifests.kustomizationResources()).as("KEDA and the HPA would fight over the replicas")
                .contains("file-worker-scaledobject.yaml").doesNotContain("file-worker-hpa.yaml");
    }

    @Test
    void theDisruptionBudgetCoversTheWorkers() {
        Manifests.Workload workers = Manifests.workloadOf(WORKER.name()).orElseThrow();
        List<PodDisruptionBudget> budgets = Manifests.applied(PodDisruptionBudget.class);
        assertThat(budgets).hasSize(1);
        assertThat(workers.podMetadata().getLabels()).containsAllEntriesOf(budgets.get(0).getSpec().getSelector().getMatchLabels());
        assertThat(budgets.get(0).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    }

    @Test
    void servicesRouteToAPortOfEveryPodTheySelect() {
        List<Service> services = Manifests.applied(Service.class);
        assertThat(services).isNotEmpty();
        for (Service service : services) {
            List<Manifests.Workload> targets = Manifests.workloads().stream()
                    .filter(workload -> workload.podMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                    .toList();
            assertThat(targets).as("pods Service %s selects", service.getMetadata().getName()).isNotEmpty();
            for (Manifests.Workload target : targets) {
                List<ContainerPort> ports = target.pod().getContainers().stream().flatMap(container -> container.getPorts().stream()).toList();
                for (ServicePort port : service.getSpec().getPorts()) {
                    assertThat(ports).as("Service %s port %s on the pods of %s %s", service.getMetadata().getName(), port.getName(),
                                    target.owner().getKind(), target.owner().getMetadata().getName())
                            .anyMatch(containerPort -> matches(port.getTargetPort(), containerPort));
                }
            }
        }
    }

    @Test
    void theKustomizationPinsTheImageOfEveryApp() {
        List<Map<String, Object>> images = (List<Map<String, Object>>) Manifests.kustomization().get("images");
        assertThat(images).extracting(image -> image.get("name"))
                .containsExactlyInAnyOrderElementsOf(App.all().stream().map(app -> "obs-pipeline/" + app.name()).toList());
        assertThat(images).allMatch(image -> image.get("newTag") != null);
        assertThat(Manifests.kustomization().get("namespace")).isEqualTo(Manifests.parse("namespace.yaml").get(0).getMetadata().getName());
    }

    private static Map<String, String> environment(App app, Manifests.Workload workload) {
        return Manifests.environment(workload.container(app.name()));
    }

    private static String name(App app, Manifests.Workload workload) {
        return app.name() + " (" + workload.owner().getKind() + " " + workload.owner().getMetadata().getName() + ")";
    }

    private static void assertProbe(String name, Probe probe, Container container, String path, int port) {
        assertThat(probe).as(name).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("%s is an HTTP GET", name).isNotNull();
        assertThat(get.getPath()).as("%s path", name).isEqualTo(path);
        assertThat(container.getPorts()).as("%s port %s is the management port %s", name, get.getPort(), port)
                .anyMatch(containerPort -> matches(get.getPort(), containerPort) && containerPort.getContainerPort() == port);
    }

    private static boolean matches(IntOrString reference, ContainerPort port) {
        return reference.getIntVal() != null ? reference.getIntVal().equals(port.getContainerPort())
                : reference.getStrVal().equals(port.getName());
    }
}
