package dev.ember.jobs.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.html} for a results folder: the charts (PNG files under {@code charts/}, referenced by
 * relative paths so the folder can be moved or zipped), the paper's targets checked against the table, and the
 * table itself. Reads only {@code results.json} and the curve files, so it can be rerun on any results folder.
 */
public final class HtmlReportWriter {
    private final ResultsFolder folder;

    public HtmlReportWriter(ResultsFolder folder) {
        this.folder = folder;
    }

    /** Draws the charts and writes the report; returns {@code report.html}. */
    public Path write() throws IOException {
        List<PointResult> results = folder.readTable();
        String gridName = folder.readGridName();
        ChartSeries series = new ChartSeries(results);
        List<ExperimentCharts.Chart> charts =
                new ExperimentCharts(series, folder.file(ResultsFolder.CHARTS)).drawAll(folder);
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Ember experiment ")
                .append(escape(gridName)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;")
                .append("font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
                .append("th{background:#eee}td.text{text-align:left}tr.failed{background:#fdd}")
                .append("img{max-width:100%;border:1px solid #ddd}.ok{color:#070}.miss{color:#a00}\n")
                .append("</style></head><body>\n")
                .append("<h1>Ember experiment: ").append(escape(gridName)).append("</h1>\n");
        long ok = results.stream().filter(PointResult::isOk).count();
        html.append("<p>").append(results.size()).append(" points, ").append(ok).append(" OK, ")
                .append(results.size() - ok).append(" failed. Generated ").append(Instant.now())
                .append(" from <code>").append(ResultsFolder.RESULTS_JSON)
                .append("</code>; the same table is in <code>")
                .append(ResultsFolder.RESULTS_CSV).append("</code>.</p>\n");
        appendCharts(html, charts);
        html.append(new TargetChecks(results).toHtml());
        appendTable(html, results);
        html.append("</body></html>\n");
        Path report = folder.file(ResultsFolder.REPORT_HTML);
        Files.writeString(report, html.toString(), StandardCharsets.UTF_8);
        return report;
    }

    private void appendCharts(StringBuilder html, List<ExperimentCharts.Chart> charts) {
        html.append("<h2>Charts</h2>\n");
        if (charts.isEmpty()) {
            html.append("<p>No point completed, so there is nothing to draw.</p>\n");
        }
        for (ExperimentCharts.Chart chart : charts) {
            String relative = folder.root().relativize(chart.file()).toString().replace('\\', '/');
            html.append("<h3>").append(escape(chart.title())).append("</h3>\n<p>").append(escape(chart.explanation()))
                    .append("</p>\n<img src=\"").append(escape(relative)).append("\" alt=\"")
                    .append(escape(chart.title())).append("\">\n");
        }
    }

    private static void appendTable(StringBuilder html, List<PointResult> results) {
        html.append("<h2>Results</h2>\n<table>\n<tr>");
        for (String column : ResultRows.COLUMNS) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr>\n");
        for (PointResult result : results) {
            Map<String, Object> row = ResultRows.toRow(result);
            html.append(result.isOk() ? "<tr>" : "<tr class=\"failed\">");
            for (String column : ResultRows.COLUMNS) {
                Object value = row.get(column);
                boolean text = !(value instanceof Number);
                html.append(text ? "<td class=\"text\">" : "<td>").append(escape(format(value))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            return String.format(Locale.ROOT, Math.abs(number) >= 1000 ? "%.1f" : "%.6g", number);
        }
        return value.toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
