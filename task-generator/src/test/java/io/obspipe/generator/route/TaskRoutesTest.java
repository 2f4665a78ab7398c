package io.obspipe.generator.route;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRoutesTest {

    static final String SPEC = "csv,tsv:csv-processing-tasks;json,ndjson,jsonl:json-processing-tasks;log,txt:log-processing-tasks";
    static final String DEFAULT = "file-processing-tasks";

    final TaskRoutes routes = TaskRoutes.parse(SPEC, DEFAULT);

    @ParameterizedTest
    @CsvSource({
            "a/b.csv, csv-processing-tasks",
            "b.tsv, csv-processing-tasks",
            "a/b.csv.gz, csv-processing-tasks",
            "DATA/SALES.CSV, csv-processing-tasks",
            "a/b.Csv.GZ, csv-processing-tasks",
            "x/y.json, json-processing-tasks",
            "x/y.json.gz, json-processing-tasks",
            "x/events.ndjson, json-processing-tasks",
            "x/metrics.jsonl, json-processing-tasks",
            "logs/app.log, log-processing-tasks",
            "notes.txt.gz, log-processing-tasks",
            "report.pdf, file-processing-tasks",
            "archive.gz, file-processing-tasks",
            "a/b.csv.gz.gz, file-processing-tasks",
            "README, file-processing-tasks",
            "dir.csv/readme, file-processing-tasks",
            "a/b.csv.bak, file-processing-tasks",
            "a/bcsv, file-processing-tasks",
            "a/b.csv/, file-processing-tasks"})
    void keysGoToTheTopicOfTheirExtensionAndOthersToTheDefault(String key, String topic) {
        assertThat(routes.topicFor(key)).isEqualTo(topic);
    }

    @Test
    void topicsAreDistinctWithTheDefaultFirst() {
        assertThat(routes.topics()).containsExactly(DEFAULT, "csv-processing-tasks", "json-processing-tasks", "log-processing-tasks");
        assertThat(TaskRoutes.parse("csv:a;tsv:a;log:" + DEFAULT, DEFAULT).topics()).containsExactly(DEFAULT, "a");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", ";", " ; "})
    void noRoutesSendEverythingToTheDefaultTopic(String spec) {
        TaskRoutes none = TaskRoutes.parse(spec, DEFAULT);

        assertThat(none.topics()).containsExactly(DEFAULT);
        assertThat(none.topicFor("a/b.csv")).isEqualTo(DEFAULT);
        assertThat(none.defaultTopic()).isEqualTo(DEFAULT);
    }

    @Test
    void suffixesMayHaveALeadingDotAndAnyCaseAndSpacesAroundThem() {
        TaskRoutes dotted = TaskRoutes.parse(" .CSV , .tsv : csv-tasks ;json:json-tasks;", DEFAULT);

        assertThat(dotted.topicFor("a.csv")).isEqualTo("csv-tasks");
        assertThat(dotted.topicFor("a.TSV.gz")).isEqualTo("csv-tasks");
        assertThat(dotted.topicFor("a.json")).isEqualTo("json-tasks");
        assertThat(dotted.topics()).containsExactly(DEFAULT, "csv-tasks", "json-tasks");
    }

    @Test
    void theSameSuffixTwiceToTheSameTopicIsAccepted() {
        assertThat(TaskRoutes.parse("csv,csv:a;CSV:a", DEFAULT).topicFor("x.csv")).isEqualTo("a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "csv,tsv:csv-tasks;json json-tasks | 'json json-tasks' has no ':' between its suffixes and its topic",
            "csv:                              | 'csv:' names no topic after ':'",
            ":csv-tasks                        | ':csv-tasks' names no suffix before ':'",
            " , :csv-tasks                     | ', :csv-tasks' has an empty suffix",
            "csv,,tsv:csv-tasks                | 'csv,,tsv:csv-tasks' has an empty suffix",
            ".:csv-tasks                       | '.:csv-tasks' has an empty suffix",
            "csv:a;txt,CSV:b                   | 'txt,CSV:b' routes suffix 'csv' to 'b' although an earlier entry routes it to 'a'",
            "csv:csv tasks                     | 'csv:csv tasks' names topic 'csv tasks', which is not a valid Kafka topic name",
            "csv:a:b                           | 'csv:a:b' names topic 'a:b', which is not a valid Kafka topic name",
            "csv:..                            | 'csv:..' names topic '..', which is not a valid Kafka topic name",
            "csv.gz:a                          | 'csv.gz:a' has suffix 'csv.gz', but a suffix is one extension"})
    void malformedSpecsStopTheStartWithOneSentenceQuotingTheEntry(String spec, String problem) {
        assertThatThrownBy(() -> TaskRoutes.parse(spec, DEFAULT))
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessageStartingWith("TASK_ROUTES entry " + problem)
                .hasMessageEndingWith("; expected the form suffix,suffix:topic;suffix:topic.")
                .message().doesNotContain("\n");
    }

    @Test
    void aTopicWhoseDeadLetterTopicNameWouldBeTooLongIsRejected() {
        String longest = "t".repeat(249);

        assertThatThrownBy(() -> TaskRoutes.parse("csv:" + longest, DEFAULT))
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessageContaining("names topic '" + longest + "', which is not a valid Kafka topic name with its -dlt topic");
        assertThat(TaskRoutes.parse("csv:" + "t".repeat(245), DEFAULT).topicFor("a.csv")).hasSize(245);
    }
}
