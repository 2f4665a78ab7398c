package io.obspipe.generator.listing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The listing side of the generator's metrics, per bucket:
 * {@code pipeline.generator.objects.listed}, {@code pipeline.generator.objects.skipped},
 * {@code pipeline.generator.listed.bytes}, the {@code pipeline.generator.scan} timer (one sample per job) and,
 * in incremental mode, how many listed objects were new, changed (another ETag) or unchanged.
 */
public record ListingMeters(Counter listed, Counter skipped, Counter bytes, Timer scan,
                     Counter newObjects, Counter changed, Counter unchanged) {

    public static ListingMeters forBucket(MeterRegistry registry, String bucket) {
        return new ListingMeters(
                Counter.builder("pipeline.generator.objects.listed").description("Objects listed (or stat'ed)")
                        .tag("bucket", bucket).register(registry),
                Counter.builder("pipeline.generator.objects.skipped").description("Listed result objects not turned into tasks")
                        .tag("bucket", bucket).register(registry),
                Counter.builder("pipeline.generator.listed.bytes").description("Total size of the objects listed")
                        .baseUnit("bytes").tag("bucket", bucket).register(registry),
                Timer.builder("pipeline.generator.scan").description("Time to list and publish one job")
                        .tag("bucket", bucket).register(registry),
                Counter.builder("pipeline.generator.objects.new").description("Listed objects that never had a task")
                        .tag("bucket", bucket).register(registry),
                Counter.builder("pipeline.generator.objects.changed")
                        .description("Listed objects whose ETag differs from the one last tasked")
                        .tag("bucket", bucket).register(registry),
                Counter.builder("pipeline.generator.objects.unchanged")
                        .description("Listed objects already tasked with the same ETag (no task)")
                        .tag("bucket", bucket).register(registry));
    }
}
