package io.obspipe.deploy.k8s;

import io.obspipe.deploy.project.ProjectFiles;
import io.obspipe.deploy.tools.Tool;

import java.util.Optional;

/** deploy/k8s rendered as users render it: {@code kubectl kustomize deploy/k8s}, kubectl's own kustomize, offline. */
final class Kustomize {

    /** Why an installed kubectl is not used: Debian bookworm's kubernetes-client (1.20) is such a kubectl. */
    static final String TOO_OLD = "this kubectl does not report a Kustomize version (kubectl before 1.24): its kustomize "
            + "predates the `labels` field of " + Manifests.KUSTOMIZATION + " and cannot render it";

    private Kustomize() {
    }

    /** kubectl, if installed and new enough to render the kustomization. */
    static Optional<Tool> kubectl() {
        return Tool.find("kubectl").filter(Kustomize::newEnough);
    }

    static boolean newEnough(Tool kubectl) {
        return kubectl.run(ProjectFiles.root(), "version", "--client").output().contains("Kustomize Version");
    }

    static Tool.Run render(Tool kubectl) {
        return kubectl.run(ProjectFiles.root(), "kustomize", Manifests.DIR);
    }
}
