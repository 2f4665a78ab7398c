package io.obspipe.analysis.analyze;

import io.obspipe.model.MessageCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The answer as JSON when the model answered with a JSON object or array (a Markdown code fence around it is fine). */
final class AnswerJson {

    private AnswerJson() {
    }

    static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        String body = text.strip();
        if (body.startsWith("```")) {
            int firstLine = body.indexOf('\n');
            int closing = body.lastIndexOf("```");
            if (firstLine < 0 || closing <= firstLine) {
                return null;
            }
            body = body.substring(firstLine + 1, closing).strip();
        }
        if (!body.startsWith("{") && !body.startsWith("[")) {
            return null;
        }
        try {
            JsonNode node = MessageCodec.mapper().readTree(body);
            return node.isObject() || node.isArray() ? node : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
