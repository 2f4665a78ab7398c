package io.obspipe.notifier.sink;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Creates the annotated sink only when {@code pipeline.notifier.sinks.<value>.enabled} is true
 * (mapped from NOTIFIER_SINKS_&lt;VALUE&gt;_ENABLED); a sink without the property is off.
 * The value is read with the same conversion as {@code NotifierProperties}, so both agree on it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnSinkEnabledCondition.class)
public @interface ConditionalOnSinkEnabled {

    /** The sink's name, as in {@code pipeline.notifier.sinks.<name>.enabled}. */
    String value();
}
