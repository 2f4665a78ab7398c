package io.obspipe.deploy.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.obspipe.deploy.tools.Tool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubectl kustomize deploy/k8s} (offline, kubectl's own kustomize) renders the objects of the
 * kustomization's files, in its namespace, with its labels and image tags; that output is what the model
 * checks ({@link KubernetesManifestsTest}) read. Skipped without a kubectl that can render it.
 */
@SuppressWarnings("unchecked")
class KustomizeTest {

    @Test
    void kubectlRendersTheListedObjectsInTheNamespaceWithTheLabelsAndPinnedImages() {
        Tool kubectl = Tool.require("kubectl", "kubectl");
        Assumptions.assumeTrue(Kustomize.newEnough(kubectl), Kustomize.TOO_OLD);
        List<HasMetadata> rendered = Manifests.rendered(kubectl);

        assertThat(rendered).extracting(Manifests::describe).as("objects kustomize renders")
                .containsExactlyInAnyOrderElementsOf(Manifests.listed().stream().map(Manifests::describe).toList());
        Map<String, Object> kustomization = Manifests.kustomization();
        Map<String, String> labels = (Map<String, String>) ((List<Map<String, Object>>) kustomization.get("labels")).get(0).get("pairs");
        for (HasMetadata object : rendered) {
            String name = Manifests.describe(object);
            assertThat(object.getMetadata().getLabels()).as("%s labels", name).containsAllEntriesOf(labels);
            if (!(object instanceof Namespace)) {
                assertThat(object.getMetadata().getNamespace()).as("%s namespace", name).isEqualTo(kustomization.get("namespace"));
            }
        }
        List<String> pinned = ((List<Map<String, Object>>) kustomization.get("images")).stream()
                .map(image -> image.get("name") + ":" + image.get("newTag")).toList();
        assertThat(Manifests.workloads()).as("workloads").isNotEmpty().allSatisfy(workload ->
                assertThat(workload.pod().getContainers()).allSatisfy(container ->
                        assertThat(pinned).as("%s's image", Manifests.describe(workload.owner())).contains(container.getImage())));
    }

    @Test
    void theModelChecksReadKubectlsOutput() {
        Tool kubectl = Tool.require("kubectl", "kubectl");
        Assumptions.assumeTrue(Kustomize.newEnough(kubectl), Kustomize.TOO_OLD);
        assertThat(Manifests.applied()).isEqualTo(Manifests.rendered(kubectl));
    }
}
