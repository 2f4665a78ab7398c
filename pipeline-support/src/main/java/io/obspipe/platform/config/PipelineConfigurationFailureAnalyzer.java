package io.obspipe.platform.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link PipelineConfigurationException} into Boot's short "APPLICATION FAILED TO START" report. */
public class PipelineConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<PipelineConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PipelineConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the setting named above (docs/configuration.md describes every variable) and start again.",
                cause);
    }
}
