package io.obspipe.analysis.llm;

/** The model's answer to one prompt: its text, the model that answered and the tokens the provider counted. */
public record ChatAnswer(String text, String model, Integer promptTokens, Integer completionTokens) {
}
