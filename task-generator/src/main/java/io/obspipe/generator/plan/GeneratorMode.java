package io.obspipe.generator.plan;

/** GENERATOR_MODE: what one run of the generator does. */
public enum GeneratorMode {
    /** {@link #SINGLE} when SINGLE_FILE is set, {@link #BATCH} when BATCH_JOBS_FILE is set, else {@link #SCAN}. */
    AUTO,
    /** List SOURCE_BUCKET under FILE_PREFIX (at most MAX_FILES objects): one task per object. */
    SCAN,
    /** One task for SINGLE_FILE, after checking that the object exists. */
    SINGLE,
    /** Run the scan jobs listed in BATCH_JOBS_FILE, in order (the seed's generate-batch-tasks). */
    BATCH
}
