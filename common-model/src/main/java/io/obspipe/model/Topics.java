package io.obspipe.model;

/** Default topic names of the seed system (KAFKA_TOPIC_TASKS, KAFKA_RESULT_TOPIC). */
public final class Topics {

    public static final String DEFAULT_TASKS = "file-processing-tasks";
    public static final String DEFAULT_RESULTS = "file-processing-results";
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
