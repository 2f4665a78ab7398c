package io.obspipe.localstack;

import java.time.Duration;
import java.util.Locale;

/** The last line of a local run: what the generator published and how the results came out. */
record RunSummary(GeneratorSummary generator, int succeeded, int failed, Duration generatorStartToLastResult) {

    String line() {
        double seconds = generatorStartToLastResult.toNanos() / 1e9;
        double filesPerSecond = seconds > 0 ? (succeeded + failed) / seconds : 0;
        return String.format(Locale.ROOT, "scanned %d | published %d | succeeded %d | failed %d | %.1f files/s",
                generator.scanned(), generator.published(), succeeded, failed, filesPerSecond);
    }
}
