package dev.ember.jobs.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep (or a report regeneration) produced: where its files are, and how many points ended how.
 *
 * @param skippedPoints points taken from an earlier run of the same sweep
 */
public record ExperimentReport(Path resultsDirectory, Path resultsCsv, Path resultsJson, Path reportHtml,
                               int totalPoints, int okPoints, int failedPoints, int skippedPoints) {

    static ExperimentReport of(ResultsFolder folder, Path reportHtml, List<PointResult> results, int skipped) {
        int ok = (int) results.stream().filter(PointResult::isOk).count();
        return new ExperimentReport(folder.root(), folder.file(ResultsFolder.RESULTS_CSV),
                folder.file(ResultsFolder.RESULTS_JSON), reportHtml, results.size(), ok, results.size() - ok, skipped);
    }
}
