package io.obspipe.worker;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.obspipe.platform.architecture.ArchitectureRules;
import io.obspipe.worker.config.WorkerProperties;

/** The architecture rules on file-worker's own classes (see {@link ArchitectureRules}). */
@AnalyzeClasses(packages = ArchitectureTest.APP, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String APP = "io.obspipe.worker";

    @ArchTest
    static final ArchRule obsSdkOnlyInStorage = ArchitectureRules.obsSdkOnlyInStorage();

    /**
     * Known exception, left for a decision: the config feature wires every other feature, and consume
     * (TaskConsumerConfiguration, KafkaClients) and workspace (Workspace) read its WorkerProperties, which closes cycles through config.
     * Any other dependency back into a feature that depends on the reader still fails the rule.
     */
    @ArchTest
    static final ArchRule featuresFreeOfCycles = ArchitectureRules.featuresFreeOfCycles(APP)
            .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.equivalentTo(WorkerProperties.class));

    @ArchTest
    static final ArchRule featuresUseOneAnotherThroughPublicTypes = ArchitectureRules.featuresUseOneAnotherThroughPublicTypes(APP);
}
