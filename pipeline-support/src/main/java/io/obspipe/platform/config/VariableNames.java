package io.obspipe.platform.config;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variable a user set for a setting: the variable itself when the value came from the
 * environment, or the one named by the {@code ${VARIABLE:default}} placeholder the apps' YAML maps it from
 * (followed through placeholders naming another setting).
 */
public final class VariableNames {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::(.*))?}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final int MAX_HOPS = 5;

    private VariableNames() {
    }

    /** The variable behind a setting's raw value (as found in a property source, placeholders unresolved). */
    public static Optional<Variable> fromRawValue(Environment environment, Object raw, Origin origin) {
        return fromRawValue(environment, raw, origin, 0);
    }

    /** The variable behind a setting, by the setting's name (e.g. {@code spring.kafka.consumer.properties.session.timeout.ms}). */
    public static Optional<Variable> forProperty(Environment environment, String property) {
        return forProperty(environment, property, 0);
    }

    private static Optional<Variable> forProperty(Environment environment, String property, int hops) {
        if (!(environment instanceof ConfigurableEnvironment configurable) || hops > MAX_HOPS) {
            return Optional.empty();
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            Object raw = source.getProperty(property);
            if (raw != null) {
                return fromRawValue(environment, raw, OriginLookup.getOrigin(source, property), hops);
            }
        }
        return Optional.empty();
    }

    private static Optional<Variable> fromRawValue(Environment environment, Object raw, Origin origin, int hops) {
        for (Origin at = origin; at != null; at = at instanceof PropertySourceOrigin wrapper ? wrapper.getOrigin() : at.getParent()) {
            if (at instanceof SystemEnvironmentOrigin variable) {
                return Optional.of(new Variable(variable.getProperty(), null));
            }
        }
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(raw).trim());
        if (!placeholder.matches()) {
            return Optional.empty();
        }
        String name = placeholder.group(1).trim();
        if (VARIABLE.matcher(name).matches()) {
            return Optional.of(new Variable(name, placeholder.group(2)));
        }
        return forProperty(environment, name, hops + 1);
    }

    /**
     * @param name         the environment variable
     * @param defaultValue its default in the YAML placeholder, if any
     */
    public record Variable(String name, String defaultValue) {
    }
}
