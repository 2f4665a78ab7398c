package io.obspipe.generator.plan;

/** One unit of a run: a listing ({@link ScanJob}) or one named object ({@link SingleFileJob}). */
public sealed interface Job permits ScanJob, SingleFileJob {

    String name();

    String bucket();
}
