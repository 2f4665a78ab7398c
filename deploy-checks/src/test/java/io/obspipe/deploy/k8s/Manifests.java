package io.obspipe.deploy.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.obspipe.deploy.project.ProjectFiles;
import io.obspipe.deploy.tools.Tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The manifests of deploy/k8s, read with the fabric8 Kubernetes model. */
@SuppressWarnings("unchecked")
final class Manifests {

    static final String DIR = "deploy/k8s";
    static final String KUSTOMIZATION = DIR + "/kustomization.yaml";
    /** The Secret's template: deliberately not part of the kustomization (docs/operations.md). */
    static final String SECRET_TEMPLATE = "secret.example.yaml";

    /** A pod template and the object that runs it. */
    record Workload(HasMetadata owner, ObjectMeta podMetadata, PodSpec pod) {

        Container container(String name) {
            return pod.getContainers().stream().filter(container -> container.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(owner.getKind() + " " + owner.getMetadata().getName() + " has no container " + name));
        }
    }

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    static List<String> files() {
        try (Stream<Path> files = Files.list(ProjectFiles.path(DIR))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIR, e);
        }
    }

    static Map<String, Object> kustomization() {
        return ProjectFiles.yaml(KUSTOMIZATION);
    }

    static List<String> kustomizationResources() {
        return (List<String>) kustomization().get("resources");
    }

    static List<HasMetadata> parse(String file) {
        return objects(ProjectFiles.yamlDocuments(ProjectFiles.path(DIR).resolve(file)));
    }

    private static List<HasMetadata> objects(List<Map<String, Object>> documents) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            objects.add((HasMetadata) SERIALIZATION.convertValue(document, io.fabric8.kubernetes.api.model.KubernetesResource.class));
        }
        return objects;
    }

    /**
     * Everything {@code kubectl apply -k deploy/k8s} creates: the output of {@code kubectl kustomize} (rendered
     * once per run), or where no kubectl can render it, the kustomization's resources as written
     * ({@code KustomizeTest} shows the two hold the same objects).
     */
    static List<HasMetadata> applied() {
        return Applied.OBJECTS;
    }

    /** The kustomization's resource files as written, before kustomize sets namespace, labels and image tags. */
    static List<HasMetadata> listed() {
        return kustomizationResources().stream().flatMap(file -> parse(file).stream()).toList();
    }

    /** The objects of {@code kubectl kustomize}'s output. */
    static List<HasMetadata> rendered(Tool kubectl) {
        Tool.Run run = Kustomize.render(kubectl);
        if (run.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + DIR + " failed:\n" + run.messages());
        }
        return objects(ProjectFiles.parseYamlDocuments(run.output()));
    }

    private static final class Applied {
        static final List<HasMetadata> OBJECTS = Kustomize.kubectl().map(Manifests::rendered).orElseGet(Manifests::listed);
    }

    static <T extends HasMetadata> List<T> applied(Class<T> type) {
        return applied().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** "Kind name", for messages. */
    static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }

    static Secret secretTemplate() {
        return (Secret) parse(SECRET_TEMPLATE).get(0);
    }

    static List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (HasMetadata object : applied()) {
            if (object instanceof Deployment deployment) {
                workloads.add(new Workload(deployment, deployment.getSpec().getTemplate().getMetadata(), deployment.getSpec().getTemplate().getSpec()));
            } else if (object instanceof Job job) {
                workloads.add(new Workload(job, job.getSpec().getTemplate().getMetadata(), job.getSpec().getTemplate().getSpec()));
            } else if (object instanceof CronJob cronJob) {
                var template = cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
                workloads.add(new Workload(cronJob, template.getMetadata(), template.getSpec()));
            }
        }
        return workloads;
    }

    /** The workload whose pods run a container of the app's name (the first, when several do). */
    static Optional<Workload> workloadOf(String app) {
        return workloadsOf(app).stream().findFirst();
    }

    /** Every workload whose pods run a container of the app's name, e.g. the generator's Deployment and CronJob. */
    static List<Workload> workloadsOf(String app) {
        return workloads().stream()
                .filter(workload -> workload.pod().getContainers().stream().anyMatch(container -> container.getName().equals(app)))
                .toList();
    }

    /**
     * The container's environment as Kubernetes builds it: envFrom sources in order (ConfigMaps of the
     * kustomization, the Secret of its template), then env entries, which win.
     */
    static Map<String, String> environment(Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                environment.putAll(configMap(source.getConfigMapRef().getName()).getData());
            } else if (source.getSecretRef() != null) {
                environment.putAll(secret(source.getSecretRef().getName()).getStringData());
            }
        }
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
        }
        return environment;
    }

    static ConfigMap configMap(String name) {
        return applied(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name + " in " + KUSTOMIZATION));
    }

    static Secret secret(String name) {
        Secret secret = secretTemplate();
        if (!secret.getMetadata().getName().equals(name)) {
            throw new AssertionError("the Secret " + name + " is not the one of " + DIR + "/" + SECRET_TEMPLATE);
        }
        return secret;
    }
}
