package io.obspipe.notifier.sink.email;

import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.support.ResultsTopic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FailureDigestTest {

    private static final Instant NOON = Instant.parse("2025-08-25T12:00:00Z");

    private final FailureDigest digest = new FailureDigest(2, Duration.ofMinutes(5));

    @Test
    void oneFailureIsOneFile() {
        digest.add(failure("a", NOON), NOON);

        assertThat(digest.subject()).isEqualTo("[obs-pipeline] 1 file failed processing");
        assertThat(digest.body()).startsWith("1 file failed processing between 2025-08-25 12:00:00 UTC and 2025-08-25 12:00:00 UTC.")
                .contains("Failed files:\n").doesNotContain("more;");
    }

    @Test
    void countsEveryFailureByErrorCodeButListsOnlyTheFirstOnesOldestFirst() {
        digest.add(failure("late", NOON.plusSeconds(90)), NOON);
        digest.add(failure("early", NOON), NOON);
        digest.add(failure("unlisted", NOON.plusSeconds(30)), NOON);
        ProcessingResult noCode = new ProcessingResult(null, null, ResultStatus.FAILED, null, null, null, null, null, null, null, null, null, null);
        digest.add(noCode, NOON.plusSeconds(120));

        String body = digest.body();

        assertThat(digest.count()).isEqualTo(4);
        assertThat(digest.subject()).isEqualTo("[obs-pipeline] 4 files failed processing");
        assertThat(body).contains("4 files failed processing between 2025-08-25 12:00:00 UTC and 2025-08-25 12:02:00 UTC.")
                .containsPattern("corrupt_content +3\n")
                .containsPattern("unknown +1\n")
                .contains("Failed files (the first 2):")
                .contains("... and 2 more; GET /api/results?status=failed")
                .contains("one digest of failures per PT5M at most (NOTIFIER_EMAIL_INTERVAL)")
                .doesNotContain("data/unlisted.csv");
        assertThat(body.indexOf("data/early.csv")).isPositive().isLessThan(body.indexOf("data/late.csv"));
        assertThat(body).contains("      error: 文件格式不支持 (corrupt_content)\n      task early, worker worker-a, bucket input-bucket\n");
    }

    private static ProcessingResult failure(String name, Instant at) {
        return ResultsTopic.finishedAt(ResultsTopic.result(name, ResultStatus.FAILED, "data/" + name + ".csv"), at);
    }
}
