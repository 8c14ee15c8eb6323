package dev.ember.jobs.experiment;

/** What each chart of the report shows; the same words are in docs/experiments.md and docs/RESULTS.md. */
final class ChartTexts {
    static final String AUC_VS_MEMORY = "One dot per trained point. Right is smaller (memory ratio = FP32 table"
            + " bytes / mixed-precision bytes, counting rows, qparams, cache slots and cache state, optimizer"
            + " state); up is better. The dashed line is FP32 without a cache. The paper's claim is dots far to"
            + " the right that stay on the line.";
    static final String AUC_VS_CACHE = "Test AUC (mean over seeds) against the FP32 cache size as a fraction of"
            + " the rows, one line per precision (and per qparams, rounding and policy where the grid varies"
            + " them). The 0% column is the same precision without a cache. The dashed line is FP32.";
    static final String HIT_RATE_VS_CACHE = "Fraction of the unique rows of each step that were already in the"
            + " FP32 cache. On Criteo's skewed ids a small cache already catches most accesses; LFU usually"
            + " beats LRU at small sizes.";
    static final String TRAINING_CURVES = "Training loss against the number of training samples seen, one line"
            + " per point of this precision: a low-precision run should follow the FP32 curve.";

    private ChartTexts() {
    }
}
