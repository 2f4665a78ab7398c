package io.obspipe.analysis.analyze;

import io.obspipe.analysis.keypool.KeyPool;
import io.obspipe.analysis.keypool.PoolResult;
import io.obspipe.analysis.llm.ChatAnswer;
import io.obspipe.analysis.llm.ChatCompletions;
import io.obspipe.model.Analysis;
import io.obspipe.model.AnalysisErrorCode;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Analyses one successful result: reads its result document and an excerpt of its source, asks the model through
 * the key pool, and (unless ANALYSIS_REWRITE_DOCUMENT is false) writes the document back with an {@code analysis}
 * field (replacing one a previous delivery wrote, so a redelivered result leaves one analysis). Never throws for a
 * bad input or a failed request: the {@link Analysis} then says what failed.
 */
public final class Analyzer {

    private static final Logger log = LoggerFactory.getLogger(Analyzer.class);

    private final AnalysisInputs inputs;
    private final PromptTemplate template;
    private final KeyPool pool;
    private final ChatCompletions chat;
    private final int excerptBytes;
    private final boolean rewriteDocument;
    private final Clock clock;

    Analyzer(AnalysisInputs inputs, PromptTemplate template, KeyPool pool, ChatCompletions chat, int excerptBytes,
             boolean rewriteDocument, Clock clock) {
        this.inputs = inputs;
        this.template = template;
        this.pool = pool;
        this.chat = chat;
        this.excerptBytes = excerptBytes;
        this.rewriteDocument = rewriteDocument;
        this.clock = clock;
    }

    public Analysis analyze(ProcessingResult result) throws InterruptedException {
        ObjectNode document;
        String prompt;
        try {
            document = inputs.document(result.destination());
            AnalysisInputs.Excerpt excerpt = inputs.excerpt(result.source(), charsetOf(document), excerptBytes);
            prompt = prompt(result, document, excerpt);
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("key", result.source().key())
                    .log("cannot read the input of the analysis of {}: {}", result.source().key(), e.getMessage());
            return failed(null, AnalysisErrorCode.INPUT_UNAVAILABLE, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        PoolResult<ChatAnswer> answered = pool.call(key -> chat.complete(key, prompt), prompt.length() / 4);
        Analysis analysis = answered.succeeded() ? succeeded(answered) : failed(answered, answered.errorCode(), answered.error());
        if (rewriteDocument) {
            rewrite(result, document, analysis);
        }
        return analysis;
    }

    private void rewrite(ProcessingResult result, ObjectNode document, Analysis analysis) {
        document.set("analysis", MessageCodec.mapper().valueToTree(analysis));
        try {
            inputs.rewrite(result.destination(), document);
        } catch (RuntimeException e) {
            log.atError().addKeyValue("key", result.destination().key())
                    .log("the analysis of {} is published, but the result document {}/{} could not be rewritten with it: {}",
                            result.source().key(), result.destination().bucket(), result.destination().key(), e.getMessage());
        }
    }

    private String prompt(ProcessingResult result, ObjectNode document, AnalysisInputs.Excerpt excerpt) {
        String summary = MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document.without("analysis"));
        if (summary.length() > excerptBytes) {
            summary = summary.substring(0, excerptBytes) + "\n... (cut at ANALYSIS_EXCERPT_BYTES)";
        }
        return template.render(Map.of(
                "bucket", result.source().bucket() == null ? "" : result.source().bucket(),
                "key", result.source().key(),
                "processor", result.processor() == null ? "unknown" : result.processor(),
                "summary", summary,
                "excerpt", excerpt.text(),
                "excerpt_note", excerpt.cut() ? " (cut after " + excerptBytes + " bytes)" : " (the whole file)"));
    }

    private static Charset charsetOf(ObjectNode document) {
        JsonNode charset = document.get("charset");
        try {
            return charset != null && charset.isString() ? Charset.forName(charset.asString()) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    private Analysis succeeded(PoolResult<ChatAnswer> answered) {
        ChatAnswer answer = answered.value();
        return new Analysis(ResultStatus.SUCCESS, answer.model() == null ? chat.model() : answer.model(), answered.keyId(),
                answered.latency().toMillis(), answered.attempts(), answer.promptTokens(), answer.completionTokens(),
                answer.text(), AnswerJson.parse(answer.text()), null, null, clock.instant());
    }

    private Analysis failed(PoolResult<ChatAnswer> answered, AnalysisErrorCode code, String error) {
        return new Analysis(ResultStatus.FAILED, chat.model(), answered == null ? null : answered.keyId(),
                answered == null || answered.latency() == null ? null : answered.latency().toMillis(),
                answered == null ? 0 : answered.attempts(), null, null, null, null, error, code, clock.instant());
    }
}
