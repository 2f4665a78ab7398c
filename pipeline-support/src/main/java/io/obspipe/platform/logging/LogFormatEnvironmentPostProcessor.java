package io.obspipe.platform.logging;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Locale;
import java.util.Map;

/**
 * {@code LOG_FORMAT=json} (default): one JSON object per line with the seed's fields
 * ({@link SeedJsonLogFormatter}); {@code LOG_FORMAT=console}: Boot's readable console lines.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("LOG_FORMAT", "json").trim().toLowerCase(Locale.ROOT);
        String structured = switch (format) {
            case "json" -> SeedJsonLogFormatter.class.getName();
            case "console", "text", "plain" -> "";
            default -> throw new PipelineConfigurationException("LOG_FORMAT must be one of json, console (got \"" + format + "\")");
        };
        if (environment.getProperty("logging.structured.format.console") == null) {
            environment.getPropertySources().addLast(new MapPropertySource("pipelineLogFormat",
                    Map.of("logging.structured.format.console", structured)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
