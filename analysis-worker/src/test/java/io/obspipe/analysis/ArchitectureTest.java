package io.obspipe.analysis;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.obspipe.platform.architecture.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The architecture rules on analysis-worker's own classes (see {@link ArchitectureRules}). */
@AnalyzeClasses(packages = ArchitectureTest.APP, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String APP = "io.obspipe.analysis";

    @ArchTest
    static final ArchRule obsSdkOnlyInStorage = ArchitectureRules.obsSdkOnlyInStorage();

    @ArchTest
    static final ArchRule featuresFreeOfCycles = ArchitectureRules.featuresFreeOfCycles(APP);

    @ArchTest
    static final ArchRule featuresUseOneAnotherThroughPublicTypes = ArchitectureRules.featuresUseOneAnotherThroughPublicTypes(APP);

    /** The OpenAI SDK stays behind the llm feature's ChatCompletions, so the pool and the loop never see its types. */
    @ArchTest
    static final ArchRule openAiSdkOnlyInLlm = noClasses().that().resideOutsideOfPackage(APP + ".llm..")
            .should().dependOnClassesThat().resideInAPackage("com.openai..");
}
