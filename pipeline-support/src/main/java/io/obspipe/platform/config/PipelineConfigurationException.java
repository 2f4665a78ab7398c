package io.obspipe.platform.config;

/**
 * A setting, or a combination of settings, the pipeline cannot run with. The message is one
 * sentence naming the setting (by its environment variable where there is one) and what to do;
 * {@link PipelineConfigurationFailureAnalyzer} prints it instead of a stack trace.
 */
public class PipelineConfigurationException extends RuntimeException {

    public PipelineConfigurationException(String message) {
        super(message);
    }

    public PipelineConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
