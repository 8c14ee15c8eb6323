package dev.ember.pipeline.generate;

import java.util.List;

/**
 * What {@link GenerateJob#run} wrote; the same figures are in {@code generator.json}.
 *
 * @param out output directory
 * @param rows lines written
 * @param files TSV part files written
 * @param cardinalities values per categorical column C1..C26
 * @param positiveRate share of label 1 actually drawn
 * @param bayesAuc expected AUC of the true click probability (the best any model can do)
 * @param drawnAuc AUC of the true probability against the drawn labels
 * @param seconds wall time
 */
public record GenerateReport(String out, long rows, int files, List<Integer> cardinalities,
    double positiveRate, double bayesAuc, double drawnAuc, double seconds) {}
