package io.obspipe.deploy.compose;

import io.obspipe.deploy.project.App;
import io.obspipe.deploy.project.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/docker/Dockerfile copies the jar each app's build produces, and its ignore file lets that jar in; the image
 * runs it extracted, from the AOT cache its build trained.
 */
class DockerImageTest {

    static final String DOCKERFILE = "deploy/docker/Dockerfile";
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(\\S+)\\s*$");

    @Test
    void theImageCopiesTheJarOfTheAppNamedByItsBuildArgument() {
        Matcher copy = COPY.matcher(ProjectFiles.read(DOCKERFILE));
        assertThat(copy.find()).as("%s has a COPY of the jar", DOCKERFILE).isTrue();
        for (App app : App.all()) {
            assertThat(copy.group(1).replace("${APP}", app.name())).as("the jar %s's build produces", app).isEqualTo(app.jarPath());
        }
        String entrypoint = ProjectFiles.read(DOCKERFILE).lines().filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        String extracted = extractionDestination(copy.group(2));
        assertThat(entrypoint).as("the image runs the copied jar, extracted for class-data sharing")
                .contains("\"-jar\", \"" + extracted + "/" + Path.of(copy.group(2)).getFileName() + "\"");
        String cache = aotCacheTrainedAtBuild(extracted + "/" + Path.of(copy.group(2)).getFileName());
        assertThat(entrypoint).as("the image starts from the AOT cache its build trained").contains("\"-XX:AOTCache=" + cache + "\"");
    }

    @Test
    void theImageRunsOnAJavaWithAotCaches() {
        Matcher from = Pattern.compile("(?m)^FROM\\s+eclipse-temurin:(\\d+)-").matcher(ProjectFiles.read(DOCKERFILE));
        assertThat(from.find()).as("%s starts from an eclipse-temurin image", DOCKERFILE).isTrue();
        assertThat(Integer.parseInt(from.group(1))).as("JDK 25's AOT cache (-XX:AOTCacheOutput)").isGreaterThanOrEqualTo(25);
    }

    /** The cache the build's training run of {@code jar} writes, which the build checks it wrote. */
    private static String aotCacheTrainedAtBuild(String jar) {
        String dockerfile = ProjectFiles.read(DOCKERFILE);
        Matcher training = Pattern.compile("java -XX:AOTCacheOutput=(\\S+) .*-Dspring\\.context\\.exit=onRefresh -jar " + Pattern.quote(jar))
                .matcher(dockerfile);
        assertThat(training.find()).as("%s trains an AOT cache by running %s", DOCKERFILE, jar).isTrue();
        assertThat(dockerfile).as("the build fails without the cache").contains("test -s " + training.group(1));
        return training.group(1);
    }

    /** Where the Dockerfile extracts {@code jar} with Spring Boot's {@code -Djarmode=tools extract}. */
    private static String extractionDestination(String jar) {
        Matcher extract = Pattern.compile("-Djarmode=tools -jar " + Pattern.quote(jar) + " extract --destination (\\S+)")
                .matcher(ProjectFiles.read(DOCKERFILE));
        assertThat(extract.find()).as("%s extracts %s", DOCKERFILE, jar).isTrue();
        return extract.group(1);
    }

    @Test
    void theBuildContextLetsInEveryAppsJar() {
        List<String> lines = ProjectFiles.read(DOCKERFILE + ".dockerignore").lines().map(String::strip).toList();
        assertThat(lines).as("the context excludes everything else").contains("*");
        for (App app : App.all()) {
            assertThat(lines).as("%s's jar is let into the build context", app).contains("!" + app.jarPath());
        }
    }
}
