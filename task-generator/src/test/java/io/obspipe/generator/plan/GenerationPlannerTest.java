package io.obspipe.generator.plan;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationPlannerTest {

    @TempDir
    Path dir;

    /** Settings as the environment gives them: blank strings for unset variables. */
    private static GeneratorProperties settings(GeneratorMode mode, String sourceBucket, String prefix, long maxFiles,
                                                String destBucket, String singleFile, String destKey, String jobsFile) {
        return new GeneratorProperties(mode, sourceBucket, prefix, maxFiles, destBucket, singleFile, destKey, jobsFile, 1000, null, null, null, null, null, null);
    }

    private static GeneratorProperties scan(String sourceBucket, String prefix, long maxFiles, String destBucket) {
        return settings(GeneratorMode.AUTO, sourceBucket, prefix, maxFiles, destBucket, "", "", "");
    }

    @Test
    void withoutSingleFileOrJobsFileTheModeIsAScanOfTheSourceBucket() {
        GenerationPlan plan = GenerationPlanner.plan(scan("input", "data/2024/", 500, "out"));

        assertThat(plan.mode()).isEqualTo(GeneratorMode.SCAN);
        assertThat(plan.jobs()).containsExactly(new ScanJob("scan", "input", "data/2024/", "out", 500));
        assertThat(plan.maxInFlight()).isEqualTo(1000);
    }

    @Test
    void blankVariablesAreUnset() {
        GenerationPlan plan = GenerationPlanner.plan(scan("input", "  ", 0, " "));

        assertThat(plan.jobs()).containsExactly(new ScanJob("scan", "input", "", null, 0));
        assertThat(((ScanJob) plan.jobs().get(0)).capped()).isFalse();
    }

    @Test
    void singleFileSelectsSingleModeWithTheDestinationKey() {
        GenerationPlan plan = GenerationPlanner.plan(
                settings(GeneratorMode.AUTO, "input", "data/", 1000, "results", "urgent/data.csv", "processed/data.json", ""));

        assertThat(plan.mode()).isEqualTo(GeneratorMode.SINGLE);
        assertThat(plan.jobs()).containsExactly(new SingleFileJob("input", "urgent/data.csv", "results", "processed/data.json"));
    }

    @Test
    void jobsFileSelectsBatchModeAndJobFieldsFallBackToTheVariables() throws IOException {
        Path jobs = Files.writeString(dir.resolve("jobs.yml"), """
                jobs:
                  - name: csv
                    bucket: a
                    prefix: csv/
                    dest_bucket: out
                    max_files: 10
                  - name: rest
                """);

        GenerationPlan plan = GenerationPlanner.plan(
                settings(GeneratorMode.AUTO, "default-bucket", "in/", 7, "default-out", "", "", jobs.toString()));

        assertThat(plan.mode()).isEqualTo(GeneratorMode.BATCH);
        assertThat(plan.jobs()).containsExactly(
                new ScanJob("csv", "a", "csv/", "out", 10),
                new ScanJob("rest", "default-bucket", "in/", "default-out", 7));
    }

    @Test
    void aPlainListOfJobsIsAcceptedAndUnnamedJobsAreNumbered() throws IOException {
        Path jobs = Files.writeString(dir.resolve("jobs.yml"), """
                - bucket: a
                - bucket: b
                  prefix: logs/
                """);

        GenerationPlan plan = GenerationPlanner.plan(settings(GeneratorMode.BATCH, "", "", 0, "", "", "", jobs.toString()));

        assertThat(plan.jobs()).extracting(Job::name).containsExactly("job-1", "job-2");
        assertThat(plan.jobs()).extracting(Job::bucket).containsExactly("a", "b");
    }

    @Test
    void anExplicitModeThatMatchesItsInputIsKept() {
        assertThat(GenerationPlanner.plan(settings(GeneratorMode.SCAN, "input", "", 0, "", "", "", "")).mode())
                .isEqualTo(GeneratorMode.SCAN);
        assertThat(GenerationPlanner.plan(settings(GeneratorMode.SINGLE, "input", "", 0, "", "a.csv", "", "")).mode())
                .isEqualTo(GeneratorMode.SINGLE);
    }

    @Test
    void contradictionsFailWithOneSentenceNamingTheVariables() {
        assertFails(settings(GeneratorMode.AUTO, "input", "", 0, "", "a.csv", "", "jobs.yml"),
                "SINGLE_FILE and BATCH_JOBS_FILE are both set: set SINGLE_FILE to publish one object or BATCH_JOBS_FILE to run preset jobs, not both");
        assertFails(scan("input", "", -1, ""), "MAX_FILES must be 0 (no cap) or a positive number, got -1");
        assertFails(scan("", "data/", 0, ""), "no bucket to scan: set SOURCE_BUCKET (or OBS_SOURCE_BUCKET)");
        assertFails(settings(GeneratorMode.AUTO, "", "", 0, "", "a.csv", "", ""),
                "no bucket to read SINGLE_FILE 'a.csv' from: set SOURCE_BUCKET (or OBS_SOURCE_BUCKET)");
        assertFails(settings(GeneratorMode.SINGLE, "input", "", 0, "", "", "", ""),
                "GENERATOR_MODE=single needs SINGLE_FILE, the key of the object to publish");
        assertFails(settings(GeneratorMode.BATCH, "input", "", 0, "", "", "", ""),
                "GENERATOR_MODE=batch needs BATCH_JOBS_FILE, the YAML file that lists the jobs");
        assertFails(settings(GeneratorMode.SCAN, "input", "", 0, "", "a.csv", "", ""),
                "GENERATOR_MODE=scan but SINGLE_FILE is set: unset SINGLE_FILE or use GENERATOR_MODE=single");
        assertFails(settings(GeneratorMode.AUTO, "input", "", 0, "", "", "out/one.json", ""),
                "DEST_KEY is set but the mode is scan: DEST_KEY applies to one file (SINGLE_FILE) only, otherwise every task would write to the same result object");
        assertFails(settings(GeneratorMode.AUTO, "input", "", 0, "", "data/", "", ""), "SINGLE_FILE 'data/' names a folder, not an object");
        assertFails(new GeneratorProperties(GeneratorMode.AUTO, "input", "", 0L, "", "", "", "", 0, null, null, null, null, null, null),
                "GENERATOR_MAX_IN_FLIGHT must be at least 1, got 0");
    }

    @Test
    void aJobsFileThatCannotBeUsedFailsWithOneSentence() throws IOException {
        Path missing = dir.resolve("missing.yml");
        assertFails(batch(missing), "BATCH_JOBS_FILE " + missing + " does not exist");

        Path empty = Files.writeString(dir.resolve("empty.yml"), "jobs: []\n");
        assertFails(batch(empty), "BATCH_JOBS_FILE " + empty + " lists no jobs");

        Path typo = Files.writeString(dir.resolve("typo.yml"), "jobs:\n  - name: csv\n    bucket: a\n    max_file: 3\n");
        assertFails(batch(typo), "BATCH_JOBS_FILE " + typo
                + " job 'csv' has an unknown field 'max_file': use name, bucket, prefix, dest_bucket, max_files");

        Path negative = Files.writeString(dir.resolve("negative.yml"), "jobs:\n  - bucket: a\n    max_files: -5\n");
        assertFails(batch(negative), "BATCH_JOBS_FILE " + negative
                + " job 1: 'max_files' must be 0 (no cap) or a positive whole number, got '-5'");

        Path noBucket = Files.writeString(dir.resolve("nobucket.yml"), "jobs:\n  - name: logs\n    prefix: logs/\n");
        assertFails(batch(noBucket), "BATCH_JOBS_FILE " + noBucket
                + " job 'logs' names no bucket and neither SOURCE_BUCKET nor OBS_SOURCE_BUCKET is set");

        Path notYaml = Files.writeString(dir.resolve("broken.yml"), "jobs: [unclosed\n");
        assertThatThrownBy(() -> GenerationPlanner.plan(batch(notYaml)))
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessageStartingWith("BATCH_JOBS_FILE " + notYaml + " is not valid YAML: ")
                .hasMessageNotContaining("\n");
    }

    private static GeneratorProperties batch(Path jobsFile) {
        return settings(GeneratorMode.AUTO, "", "", 0, "", "", "", jobsFile.toString());
    }

    private static void assertFails(GeneratorProperties settings, String sentence) {
        assertThatThrownBy(() -> GenerationPlanner.plan(settings))
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessage(sentence);
    }

    @Test
    void continuousModeAndParallelListingAreCheckedBeforeAnythingRuns() {
        assertFails(new GeneratorProperties(GeneratorMode.AUTO, "input", "", 0L, "", "", "", "", 1000, null, null,
                java.time.Duration.ZERO, null, null, null), "GENERATOR_SCAN_INTERVAL must be a positive duration such as 60s, got PT0S");
        assertFails(new GeneratorProperties(GeneratorMode.AUTO, "input", "", 0L, "", "urgent/a.csv", "", "", 1000, null, null,
                java.time.Duration.ofSeconds(60), null, null, null), "GENERATOR_SCAN_INTERVAL is set with SINGLE_FILE: continuous mode rescans a bucket (scan or batch mode); unset one of them");
        assertFails(new GeneratorProperties(GeneratorMode.AUTO, "input", "", 0L, "", "", "", "", 1000, null, null,
                null, null, 0, null), "GENERATOR_LIST_PARALLELISM must be at least 1, got 0");
    }

    @Test
    void twoBatchJobsOverTheSameBucketAndPrefixAreRejected() throws IOException {
        Path jobs = Files.writeString(dir.resolve("same.yml"), """
                - name: first
                  bucket: input
                  prefix: data/
                - name: second
                  bucket: input
                  prefix: data/
                  dest_bucket: elsewhere
                """);

        assertFails(settings(GeneratorMode.AUTO, "", "", 0, "", "", "", jobs.toString()),
                "BATCH_JOBS_FILE jobs 'first' and 'second' both scan bucket 'input' under prefix 'data/': merge them into one job");
    }
}
