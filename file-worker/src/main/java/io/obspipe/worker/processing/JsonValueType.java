package io.obspipe.worker.processing;

import tools.jackson.core.JsonToken;

/** The JSON type name of the value that starts at a token, as reported in summaries. */
final class JsonValueType {

    private JsonValueType() {
    }

    static String of(JsonToken valueStart) {
        return switch (valueStart) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> throw new IllegalArgumentException(valueStart + " does not start a JSON value");
        };
    }
}
