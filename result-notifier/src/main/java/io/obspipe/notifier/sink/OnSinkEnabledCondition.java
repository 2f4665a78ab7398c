package io.obspipe.notifier.sink;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Map;

class OnSinkEnabledCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSinkEnabled.class.getName());
        String sink = (String) attributes.get("value");
        String property = "pipeline.notifier.sinks." + sink + ".enabled";
        ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSinkEnabled.class, sink);
        // a value that is not true/false fails binding, and the startup sentence names the variable
        boolean enabled = Binder.get(context.getEnvironment()).bind(property, Boolean.class).orElse(false);
        return enabled
                ? ConditionOutcome.match(message.because(property + " is true"))
                : ConditionOutcome.noMatch(message.because(property + " is not true"));
    }
}
