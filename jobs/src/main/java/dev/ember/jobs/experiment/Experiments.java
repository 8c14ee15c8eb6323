package dev.ember.jobs.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The entry points the command line calls: {@code ember experiment} ({@link #run}) and {@code ember report}
 * ({@link #report}). Neither starts Spark itself: the runner given to {@link #run} holds the session.
 */
public final class Experiments {
    private Experiments() {
    }

    /**
     * Reads the grid, checks every point with the runner before training any, then runs the sweep.
     *
     * @param outputDirectory the results folder; a folder holding an earlier run of the same grid is resumed
     */
    public static ExperimentReport run(Path gridFile, String data, Path outputDirectory, GridPointRunner runner)
            throws IOException {
        ExperimentGrid grid = GridFiles.read(gridFile);
        return run(grid, data, outputDirectory, runner);
    }

    /**
     * @param data the preprocessed data folder: a local path (made absolute here, and it must exist) or a Hadoop
     *             URI such as {@code hdfs://nn/criteo} (passed on as is)
     */
    public static ExperimentReport run(ExperimentGrid grid, String data, Path outputDirectory,
                                       GridPointRunner runner) throws IOException {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(data, "data");
        String effectiveData = data;
        if (!data.contains("://")) {
            Path local = Path.of(data).toAbsolutePath().normalize();
            if (!Files.isDirectory(local)) {
                throw new IllegalArgumentException("Data folder " + data + " does not exist or is not a folder");
            }
            effectiveData = local.toString();
        }
        return new ExperimentSweep(runner).run(grid, effectiveData, outputDirectory);
    }

    /** The default results folder of a grid: {@code runs/experiments/<grid name>} (runs/ is git-ignored). */
    public static Path defaultOutputDirectory(ExperimentGrid grid) {
        return Path.of("runs", "experiments", grid.name());
    }

    /** Redraws the charts and rewrites {@code report.html} of an existing results folder. */
    public static ExperimentReport report(Path resultsDirectory) throws IOException {
        ResultsFolder folder = new ResultsFolder(resultsDirectory);
        List<PointResult> results = folder.readTable();
        Path html = new HtmlReportWriter(folder).write();
        return ExperimentReport.of(folder, html, results, 0);
    }
}
