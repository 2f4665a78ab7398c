package io.obspipe.worker.processing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Picks the processor for an object: the first in order that supports its key. */
public class ProcessorRegistry {

    private final List<FileProcessor> processors;

    /** {@code processors} in order of precedence (custom ones before built-ins). */
    public ProcessorRegistry(List<FileProcessor> processors) {
        this.processors = List.copyOf(processors);
    }

    /** {@code contentKey}: the object key without a compression suffix (see {@link ContentDecoder}). */
    public Optional<FileProcessor> find(String contentKey) {
        return processors.stream().filter(processor -> processor.supports(contentKey)).findFirst();
    }

    /** What the processors handle, for messages: e.g. {@code csv (.csv, .tsv), json (.json)}. */
    public String describe() {
        return processors.stream().map(FileProcessor::description).collect(Collectors.joining(", "));
    }

    /**
     * Creates a processor from a fully-qualified class name through its public no-arg constructor
     * (the seed's {@code DBC_FACTORY}).
     *
     * @throws IllegalArgumentException if the class is missing, is not a {@link FileProcessor},
     *                                  cannot be instantiated, or its constructor fails
     */
    public static FileProcessor instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, ProcessorRegistry.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("processor class " + className + " was not found on the classpath", e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException("processor class " + className + " could not be loaded: " + e, e);
        }
        if (!FileProcessor.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("processor class " + className + " does not implement "
                    + FileProcessor.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("processor class " + className
                    + " is abstract and cannot be instantiated");
        }
        try {
            return (FileProcessor) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("processor class " + className
                    + " has no public no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("processor class " + className + " failed in its constructor: "
                    + e.getCause(), e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("processor class " + className + " cannot be instantiated"
                    + " (it must be a public class): " + e.getMessage(), e);
        }
    }
}
