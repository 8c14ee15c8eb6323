package dev.ember.jobs.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every point of a grid, one after the other, through one {@link GridPointRunner} (which holds the one
 * SparkSession). Each point gets its own folder; a point that throws is recorded as failed, with its message,
 * and the sweep goes on; a point that already completed with the same flags is skipped, so an interrupted sweep
 * resumes where it stopped. The results table is rewritten after every point, the report at the end.
 */
public final class ExperimentSweep {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentSweep.class);
    private static final String ERROR_FILE = "error.txt";

    private final GridPointRunner runner;

    public ExperimentSweep(GridPointRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * @param data the preprocessed data folder: a local path, or a Hadoop URI such as {@code hdfs://...}
     */
    public ExperimentReport run(ExperimentGrid grid, String data, Path outputDirectory) throws IOException {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(data, "data");
        ResultsFolder folder = new ResultsFolder(outputDirectory);
        folder.writeGrid(grid);
        List<ExperimentPoint> points = grid.expand();
        LOG.info("Experiment '{}': {} points, results in {}", grid.name(), points.size(), folder.root());
        List<PointRequest> requests = new ArrayList<>();
        for (ExperimentPoint point : points) {
            Path pointDirectory = folder.pointDirectory(point.pointId());
            Map<String, String> trainFlags = point.trainFlags(grid.trainFlags(), data, pointDirectory.resolve("train"));
            PointRequest request = new PointRequest(point, trainFlags, pointDirectory);
            try {
                runner.check(request);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Grid '" + grid.name() + "', point " + point.pointId() + ": "
                        + e.getMessage(), e);
            }
            requests.add(request);
        }
        List<PointResult> results = new ArrayList<>();
        int skipped = 0;
        for (int index = 0; index < requests.size(); index++) {
            PointRequest request = requests.get(index);
            Optional<PointResult> done = folder.readCompletedPoint(request.point(), request.trainFlags());
            if (done.isPresent()) {
                LOG.info("[{}/{}] {}: already done, skipped", index + 1, requests.size(), request.point().pointId());
                results.add(done.get());
                skipped++;
            } else {
                results.add(runPoint(folder, request, index, requests.size()));
            }
            folder.writeTable(grid.name(), results);
        }
        folder.writeTable(grid.name(), results);
        Path report = new HtmlReportWriter(folder).write();
        ExperimentReport summary = ExperimentReport.of(folder, report, results, skipped);
        if (summary.failedPoints() > 0) {
            LOG.warn("Experiment '{}': {} of {} points failed (status and error in {}); run the same command"
                    + " again to retry them", grid.name(), summary.failedPoints(), summary.totalPoints(),
                    summary.resultsCsv());
        }
        LOG.info("Experiment '{}' done: {} OK, {} failed, {} taken from an earlier run; report {}", grid.name(),
                summary.okPoints(), summary.failedPoints(), skipped, report);
        return summary;
    }

    private PointResult runPoint(ResultsFolder folder, PointRequest request, int index, int total) throws IOException {
        ExperimentPoint point = request.point();
        Files.createDirectories(request.pointDirectory());
        Files.deleteIfExists(request.pointDirectory().resolve(ERROR_FILE));
        LOG.info("[{}/{}] {}: training", index + 1, total, point.pointId());
        long start = System.nanoTime();
        PointResult result;
        List<CurvePoint> curve = List.of();
        try {
            PointMeasurement measurement = runner.run(request);
            double seconds = (System.nanoTime() - start) / 1e9;
            PointMetrics metrics = measurement.metrics();
            boolean timed = !Double.isNaN(metrics.trainSeconds());
            result = PointResult.ok(point, timed ? metrics : metrics.withTrainSeconds(seconds));
            curve = measurement.curve();
            LOG.info("[{}/{}] {}: test AUC {}, memory ratio {}, hit rate {}", index + 1, total, point.pointId(),
                    metrics.testAuc(), metrics.memoryRatio(), metrics.hitRate());
        } catch (Exception | AssertionError | StackOverflowError e) {
            double seconds = (System.nanoTime() - start) / 1e9;
            result = PointResult.failed(point, describe(e), seconds);
            Files.writeString(request.pointDirectory().resolve(ERROR_FILE), stackTrace(e), StandardCharsets.UTF_8);
            LOG.warn("[{}/{}] {}: failed: {} (stack trace in {})", index + 1, total, point.pointId(), result.error(),
                    request.pointDirectory().resolve(ERROR_FILE));
        }
        CurveCsv.write(folder.curveFile(point.pointId()), curve);
        folder.writePointResult(result, request.trainFlags());
        return result;
    }

    /** The message of the root cause, which is what a user can act on (Spark wraps task failures). */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
