package io.obspipe.notifier.support;

import io.obspipe.model.Analysis;
import io.obspipe.model.AnalysisErrorCode;
import io.obspipe.model.KeyPoolStatus;
import io.obspipe.model.KeyPoolStatus.KeyState;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;

import java.time.Instant;
import java.util.List;

/** Events of the analysis stage as an analysis worker publishes them: analysed results and key pool snapshots. */
public final class AnalysisEvents {

    public static final String MODEL = "qwen-test";

    private AnalysisEvents() {
    }

    /** The result with a successful analysis answered with the text by the key. */
    public static ProcessingResult analyzed(ProcessingResult result, String keyId, String text) {
        return result.withAnalysis(new Analysis(ResultStatus.SUCCESS, MODEL, keyId, 840L, 1, 120, 40, text, null, null, null, Instant.now()));
    }

    /** The result with an analysis that failed for good. */
    public static ProcessingResult failedAnalysis(ProcessingResult result, AnalysisErrorCode code, String error) {
        return result.withAnalysis(new Analysis(ResultStatus.FAILED, MODEL, null, 3100L, 4, null, null, null, null, error, code, Instant.now()));
    }

    /** A key pool snapshot of the worker taken now, as JSON. */
    public static String keyPool(String workerId, KeyState... keys) {
        return MessageCodec.encodeToString(new KeyPoolStatus(Instant.now(), workerId, "least_loaded", 3, 50, List.of(keys)));
    }
}
