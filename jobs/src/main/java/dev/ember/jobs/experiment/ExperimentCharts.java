package dev.ember.jobs.experiment;

import dev.ember.engine.format.Precision;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the report's charts with JFreeChart, headless, as PNG files. Each method returns the file it wrote, or
 * nothing when the table holds no data for that chart.
 */
final class ExperimentCharts {
    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    /** Training-curve charts show a legend only up to this many lines. */
    private static final int MAX_LEGEND_LINES = 20;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A chart file and what it shows, for the report. */
    record Chart(String title, Path file, String explanation) {
    }

    private final ChartSeries series;
    private final Path chartDirectory;

    ExperimentCharts(ChartSeries series, Path chartDirectory) {
        this.series = series;
        this.chartDirectory = chartDirectory;
    }

    /** Every chart this table supports, in report order. */
    List<Chart> drawAll(ResultsFolder folder) throws IOException {
        Files.createDirectories(chartDirectory);
        List<Chart> charts = new ArrayList<>();
        if (!series.okResults().isEmpty()) {
            charts.add(aucVsMemoryRatio());
            charts.add(byLoadFactor("auc-vs-cache.png", "Test AUC vs cache size", "test AUC",
                    PointMetrics::testAuc, true, ChartTexts.AUC_VS_CACHE));
            charts.add(byLoadFactor("hit-rate-vs-cache.png", "Cache hit rate vs cache size", "hit rate",
                    PointMetrics::hitRate, false, ChartTexts.HIT_RATE_VS_CACHE));
        }
        Map<Precision, List<PointResult>> firstSeed = series.firstSeedByPrecision();
        List<PointResult> baseline = firstSeed.getOrDefault(Precision.FP32, List.of()).stream()
                .filter(r -> r.point().cacheLoadFactor() == 0.0).limit(1).toList();
        for (Map.Entry<Precision, List<PointResult>> group : firstSeed.entrySet()) {
            Chart curves = trainingCurves(folder, group.getKey(), group.getValue(), baseline);
            if (curves != null) {
                charts.add(curves);
            }
        }
        return charts;
    }

    private Chart aucVsMemoryRatio() throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Precision precision : series.precisions()) {
            XYSeries points = new XYSeries(precision.name());
            for (PointResult result : series.okResults()) {
                PointMetrics metrics = result.metrics();
                if (result.point().precision() == precision && Double.isFinite(metrics.memoryRatio())
                        && Double.isFinite(metrics.testAuc())) {
                    points.add(metrics.memoryRatio(), metrics.testAuc());
                }
            }
            dataset.addSeries(points);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(
                "Test AUC vs memory ratio (FP32 bytes / mixed-precision bytes)",
                "memory ratio (x less than FP32)", "test AUC", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        List<Precision> precisions = series.precisions();
        for (int index = 0; index < precisions.size(); index++) {
            plot.getRenderer().setSeriesPaint(index, ChartStyle.color(precisions.get(index)));
        }
        baselineMarker().ifPresent(plot::addRangeMarker);
        return save(chart, "auc-vs-memory-ratio.png", "Test AUC vs memory ratio", ChartTexts.AUC_VS_MEMORY);
    }

    private Chart byLoadFactor(String fileName, String title, String valueLabel, ToDoubleFunction<PointMetrics> metric,
                               boolean withBaseline, String explanation) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (double loadFactor : series.loadFactors()) {
            // Columns in load-factor order, even when the first line lacks some of them.
            dataset.addValue(null, "_", ExperimentPoint.percentLabel(loadFactor));
        }
        dataset.removeRow("_");
        List<ChartSeries.Line> lines = series.byLoadFactor(metric);
        for (ChartSeries.Line line : lines) {
            line.meanByLoadFactor().forEach((loadFactor, mean) ->
                    dataset.addValue(mean, line.label(), ExperimentPoint.percentLabel(loadFactor)));
        }
        JFreeChart chart = ChartFactory.createLineChart(title + " (mean over seeds)",
                "cache load factor (FP32 cache slots / rows)", valueLabel, dataset, PlotOrientation.VERTICAL,
                true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(true);
        for (ChartSeries.Line line : lines) {
            int row = dataset.getRowIndex(line.label());
            if (row >= 0) {
                renderer.setSeriesPaint(row, ChartStyle.color(line.sample()));
                renderer.setSeriesStroke(row, ChartStyle.stroke(line.sample()));
            }
        }
        if (withBaseline) {
            baselineMarker().ifPresent(plot::addRangeMarker);
        }
        return save(chart, fileName, title, explanation);
    }

    private Chart trainingCurves(ResultsFolder folder, Precision precision, List<PointResult> results,
                                 List<PointResult> baseline) throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (PointResult result : results) {
            addCurve(folder, dataset, result, series.curveLabel(result.point()));
        }
        if (dataset.getSeriesCount() == 0) {
            return null;
        }
        int baselineIndex = -1;
        if (precision != Precision.FP32 && !baseline.isEmpty()
                && addCurve(folder, dataset, baseline.get(0), "FP32, no cache")) {
            baselineIndex = dataset.getSeriesCount() - 1;
        }
        String name = ExperimentPoint.lower(precision);
        JFreeChart chart = ChartFactory.createXYLineChart("Training loss, " + precision.name(), "training samples",
                "train loss (binary cross-entropy)", dataset, PlotOrientation.VERTICAL,
                dataset.getSeriesCount() <= MAX_LEGEND_LINES, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        for (int index = 0; index < dataset.getSeriesCount(); index++) {
            plot.getRenderer().setSeriesStroke(index, index == baselineIndex ? ChartStyle.DASHED : ChartStyle.SOLID);
        }
        if (baselineIndex >= 0) {
            plot.getRenderer().setSeriesPaint(baselineIndex, ChartStyle.color(Precision.FP32));
        }
        return save(chart, "training-curves-" + name + ".png", "Training curves, " + precision.name(),
                ChartTexts.TRAINING_CURVES);
    }

    /** Adds a point's curve (train loss vs samples) as one line; false when the point has no curve. */
    private static boolean addCurve(ResultsFolder folder, XYSeriesCollection dataset, PointResult result, String label)
            throws IOException {
        XYSeries line = new XYSeries(label, false, true);
        for (CurvePoint point : CurveCsv.read(folder.curveFile(result.point().pointId()))) {
            if (Double.isFinite(point.trainLoss())) {
                line.add(point.samples(), point.trainLoss());
            }
        }
        if (line.getItemCount() == 0 || dataset.indexOf(label) >= 0) {
            return false;
        }
        dataset.addSeries(line);
        return true;
    }

    private Optional<ValueMarker> baselineMarker() {
        double baseline = series.fp32BaselineAuc();
        if (!Double.isFinite(baseline)) {
            return Optional.empty();
        }
        ValueMarker marker = new ValueMarker(baseline, Color.DARK_GRAY, ChartStyle.BASELINE);
        marker.setLabel("FP32, no cache");
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return Optional.of(marker);
    }

    private Chart save(JFreeChart chart, String fileName, String title, String explanation) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        Path file = chartDirectory.resolve(fileName);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return new Chart(title, file, explanation);
    }
}
