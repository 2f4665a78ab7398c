package io.obspipe.notifier.summary;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/summary}: the running summary as JSON. */
@RestController
public class SummaryController {

    private final RunningSummary summary;

    public SummaryController(RunningSummary summary) {
        this.summary = summary;
    }

    @GetMapping("/api/summary")
    public SummarySnapshot summary() {
        return summary.snapshot();
    }
}
