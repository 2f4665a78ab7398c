package io.obspipe.analysis.analyze;

import io.obspipe.platform.config.PipelineConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt, from ANALYSIS_PROMPT_FILE or the bundled {@code prompts/default.txt}: plain text with placeholders
 * {@code {{bucket}}}, {@code {{key}}}, {@code {{processor}}}, {@code {{summary}}} (the result document),
 * {@code {{excerpt}}} (the file's first bytes) and {@code {{excerpt_note}}} (says when the excerpt was cut).
 * Unknown placeholders stay as written.
 */
public final class PromptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    private static final String BUNDLED = "prompts/default.txt";

    private final String text;

    PromptTemplate(String text) {
        this.text = text;
    }

    public static PromptTemplate load(Path file) {
        if (file == null || file.toString().isBlank()) {
            try (InputStream bundled = PromptTemplate.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                return new PromptTemplate(new String(bundled.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the bundled prompt template " + BUNDLED + " is missing from the jar", e);
            }
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new PipelineConfigurationException("ANALYSIS_PROMPT_FILE " + file + " is empty.");
            }
            return new PromptTemplate(text);
        } catch (IOException e) {
            throw new PipelineConfigurationException("ANALYSIS_PROMPT_FILE " + file + " cannot be read: " + e.getMessage() + ".", e);
        }
    }

    String render(Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder prompt = new StringBuilder(text.length());
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            placeholder.appendReplacement(prompt, Matcher.quoteReplacement(value == null ? placeholder.group() : value));
        }
        placeholder.appendTail(prompt);
        return prompt.toString();
    }
}
