package io.obspipe.model;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.module.SimpleModule;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Calls the creator of a record (its canonical constructor, or any creator with arguments) through a method handle
 * prepared once. Jackson's own call goes through {@code MethodHandle.invokeWithArguments}, which builds a spreader
 * on every call: garbage and time on every decode of a result, a record holding other records (measured in
 * docs/benchmarks-history.md, optimisation H). Creators it cannot reach are left to Jackson.
 */
final class DirectCreators extends SimpleModule {

    DirectCreators() {
        super("direct-creators");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addValueInstantiators(new ValueInstantiators.Base() {
            @Override
            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier bean,
                                                             ValueInstantiator instantiator) {
                return instantiator instanceof StdValueInstantiator standard && standard.getWithArgsCreator() != null
                        ? direct(standard)
                        : instantiator;
            }
        });
    }

    private static ValueInstantiator direct(StdValueInstantiator standard) {
        Member creator = standard.getWithArgsCreator().getMember();
        try {
            MethodHandle handle;
            if (creator instanceof Constructor<?> constructor) {
                handle = MethodHandles.publicLookup().unreflectConstructor(constructor);
            } else if (creator instanceof Method method && Modifier.isStatic(method.getModifiers())) {
                handle = MethodHandles.publicLookup().unreflect(method);
            } else {
                return standard;
            }
            int arguments = handle.type().parameterCount();
            return new Direct(standard, handle.asType(handle.type().generic()).asSpreader(Object[].class, arguments));
        } catch (IllegalAccessException notPublic) {
            return standard;
        }
    }

    /** Jackson's instantiator of the type, with the creator called through the prepared handle. */
    private static final class Direct extends StdValueInstantiator {

        /** The creator taking its arguments as one {@code Object[]}. */
        private final MethodHandle creator;

        Direct(StdValueInstantiator standard, MethodHandle creator) {
            super(standard);
            this.creator = creator;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) {
            try {
                return (Object) creator.invokeExact(arguments);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                return context.handleInstantiationProblem(getValueClass(), arguments, rewrapCtorProblem(context, e));
            }
        }
    }
}
