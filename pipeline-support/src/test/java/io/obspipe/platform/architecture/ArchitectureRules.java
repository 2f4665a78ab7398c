package io.obspipe.platform.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules every app module checks on its own classes (each module's ArchitectureTest). A feature is
 * a package directly under the app's package, with its subpackages: {@code io.obspipe.worker.consume..}.
 * Shared through pipeline-support's test jar, which holds only this package.
 */
public final class ArchitectureRules {

    public static final String STORAGE_PACKAGE = "io.obspipe.platform.storage..";

    private ArchitectureRules() {
    }

    /** The Huawei OBS SDK stays behind the storage feature's ObjectStore. */
    public static ArchRule obsSdkOnlyInStorage() {
        return noClasses().that().resideOutsideOfPackage(STORAGE_PACKAGE)
                .should().dependOnClassesThat().resideInAPackage("com.obs..")
                .because("only " + STORAGE_PACKAGE + " may use the OBS SDK; everything else goes through ObjectStore");
    }

    /** A module with a known cycle can narrow it with {@link SliceRule#ignoreDependency}, naming the dependency. */
    public static SliceRule featuresFreeOfCycles(String appPackage) {
        return slices().matching(appPackage + ".(*)..").namingSlices("feature $1")
                .should().beFreeOfCycles();
    }

    public static ArchRule featuresUseOneAnotherThroughPublicTypes(String appPackage) {
        return classes().that().resideInAPackage(appPackage + "..")
                .should(onlyUsePublicTypesOfOtherFeatures(appPackage))
                .allowEmptyShould(true);
    }

    private static ArchCondition<JavaClass> onlyUsePublicTypesOfOtherFeatures(String appPackage) {
        return new ArchCondition<>("use the other features of " + appPackage + " only through their public types") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = featureOf(origin, appPackage);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String other = featureOf(target, appPackage);
                    if (other != null && !other.equals(own) && !isPublic(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " reaches into feature '" + other + "' past its public types"));
                    }
                }
            }
        };
    }

    /** A nested type counts as public only when every type enclosing it is public too. */
    private static boolean isPublic(JavaClass type) {
        for (JavaClass current = type; current != null; current = current.getEnclosingClass().orElse(null)) {
            if (!current.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    /** The feature's name, or null for a class outside the app's features (its root package, a library). */
    private static String featureOf(JavaClass type, String appPackage) {
        String name = type.getPackageName();
        if (!name.startsWith(appPackage + ".")) {
            return null;
        }
        String rest = name.substring(appPackage.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
