package io.obspipe.model;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The messages every app and tool shares stay plain Java with JSON names: no framework, no storage SDK. */
@AnalyzeClasses(packages = "io.obspipe.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule freeOfSpring = noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("common-model is read by the local stack and the benchmarks, which run no Spring");

    @ArchTest
    static final ArchRule freeOfTheObsSdk = noClasses().should().dependOnClassesThat().resideInAPackage("com.obs..")
            .because("only pipeline-support's storage feature may use the OBS SDK");
}
