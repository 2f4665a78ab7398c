package io.obspipe.platform.config;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A setting given through an environment variable that cannot be bound (wrong type) or breaks a constraint
 * becomes one sentence naming the variable, e.g. {@code POOL_SIZE must be a whole number (got "abc")}, instead
 * of Boot's block about the property. Settings not given through a variable are left to Boot's analyzers.
 */
public class InvalidVariableFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    private final Environment environment;

    public InvalidVariableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        Optional<String> sentence = cause.getCause() instanceof BindValidationException invalid
                ? constraintSentence(invalid) : typeSentence(cause);
        return sentence.map(text -> new FailureAnalysis(text,
                "Fix the variable named above (docs/configuration.md describes every variable) and start again.", cause))
                .orElse(null);
    }

    private Optional<String> typeSentence(BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        if (property == null) {
            return Optional.empty();
        }
        return VariableNames.fromRawValue(environment, property.getValue(), property.getOrigin()).map(variable ->
                variable.name() + " " + expectation(cause.getTarget().getType().resolve(Object.class), variable)
                        + " (got \"" + resolved(property.getValue()) + "\")");
    }

    private Optional<String> constraintSentence(BindValidationException invalid) {
        for (ObjectError error : invalid.getValidationErrors()) {
            if (!(error instanceof FieldError field)) {
                continue;
            }
            String name = field.getObjectName() + "." + DataObjectPropertyName.toDashedForm(field.getField());
            Optional<ConfigurationProperty> property = invalid.getValidationErrors().getBoundProperties().stream()
                    .filter(bound -> bound.getName().toString().equals(name)).findFirst();
            Optional<VariableNames.Variable> variable = property.flatMap(bound ->
                    VariableNames.fromRawValue(environment, bound.getValue(), bound.getOrigin()));
            if (variable.isPresent()) {
                String named = variable.get().name();
                String message = String.valueOf(field.getDefaultMessage());
                return Optional.of((message.startsWith(named) ? message : named + " " + message)
                        + " (got \"" + resolved(property.get().getValue()) + "\")");
            }
        }
        return Optional.empty();
    }

    private String resolved(Object raw) {
        return raw instanceof String text ? environment.resolvePlaceholders(text) : String.valueOf(raw);
    }

    static String expectation(Class<?> type, VariableNames.Variable variable) {
        if (type == int.class || type == long.class || type == short.class || type == byte.class || type == Integer.class
                || type == Long.class || type == Short.class || type == Byte.class || type == BigInteger.class) {
            return "must be a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class || type == BigDecimal.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == Duration.class) {
            return "must be a duration such as 500ms, 30s or 5m";
        }
        if (type == DataSize.class) {
            return "must be a size such as 512MB or 10GB";
        }
        if (type.isEnum()) {
            boolean upper = variable.defaultValue() != null && !variable.defaultValue().isEmpty()
                    && variable.defaultValue().equals(variable.defaultValue().toUpperCase(Locale.ROOT));
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .map(name -> upper ? name : name.toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        return "is not a valid " + type.getSimpleName();
    }

    /** Before Boot's BindFailureAnalyzer, which would describe the same failure as a block about the property. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
