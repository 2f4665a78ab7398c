package io.obspipe.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.obspipe.platform.architecture.ArchitectureRules;

/** The architecture rules on pipeline-support's own classes (see {@link ArchitectureRules}). */
@AnalyzeClasses(packages = ArchitectureTest.APP, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String APP = "io.obspipe.platform";

    @ArchTest
    static final ArchRule obsSdkOnlyInStorage = ArchitectureRules.obsSdkOnlyInStorage();

    @ArchTest
    static final ArchRule featuresFreeOfCycles = ArchitectureRules.featuresFreeOfCycles(APP);

    @ArchTest
    static final ArchRule featuresUseOneAnotherThroughPublicTypes = ArchitectureRules.featuresUseOneAnotherThroughPublicTypes(APP);
}
