package io.obspipe.model;

/** Default topic names of the seed system (KAFKA_TOPIC_TASKS, KAFKA_RESULT_TOPIC). */
public final class Topics {

    public static final String DEFAULT_TASKS = "file-processing-tasks";
    public static final String DEFAULT_RESULTS = "file-processing-results";
    /** The analysis stage's output: result events with their {@code analysis} added. */
    public static final String DEFAULT_ANALYSIS = "file-analysis-results";
    /** The analysis workers' key pool snapshots, for the dashboard. */
    public static final String DEFAULT_KEY_POOL = "analysis-key-pool";
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
