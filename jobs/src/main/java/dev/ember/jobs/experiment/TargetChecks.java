package dev.ember.jobs.experiment;

import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The paper's targets (issue 6), checked against a results table: with FP16 qparams and stochastic rounding,
 * INT8 + 5% cache within 0.001 AUC of FP32 (same seed) at >= 2.6x less memory, and INT4 + 1% cache within
 * 0.002 at >= 4.8x. The same precision without a cache and with nearest rounding are listed beside as context.
 */
final class TargetChecks {
    /** One target: the point it is about, the largest AUC drop allowed, the smallest memory ratio. */
    record Target(Precision precision, double cacheLoadFactor, double maxAucDrop, double minMemoryRatio) {
    }

    /** One table row: a point compared with the FP32 baseline of its seed. */
    record Check(Target target, PointResult result, double aucDelta, String verdict) {
    }

    static final List<Target> TARGETS = List.of(new Target(Precision.INT8, 0.05, 0.001, 2.6),
            new Target(Precision.INT4, 0.01, 0.002, 4.8));

    private final List<PointResult> okResults;

    TargetChecks(List<PointResult> results) {
        this.okResults = results.stream().filter(PointResult::isOk).toList();
    }

    List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (Target target : TARGETS) {
            for (PointResult result : okResults) {
                ExperimentPoint point = result.point();
                boolean relevant = point.precision() == target.precision() && point.qparams() == QParamsPrecision.FP16
                        && (point.cacheLoadFactor() == target.cacheLoadFactor() || point.cacheLoadFactor() == 0.0);
                OptionalDouble baseline = baselineAuc(point.seed());
                if (relevant && baseline.isPresent()) {
                    double delta = result.metrics().testAuc() - baseline.getAsDouble();
                    checks.add(new Check(target, result, delta, verdict(target, result, delta)));
                }
            }
        }
        return checks;
    }

    private static String verdict(Target target, PointResult result, double aucDelta) {
        ExperimentPoint point = result.point();
        if (point.cacheLoadFactor() != target.cacheLoadFactor() || point.rounding() != Rounding.STOCHASTIC) {
            return "context";
        }
        boolean accurate = aucDelta >= -target.maxAucDrop();
        boolean small = result.metrics().memoryRatio() >= target.minMemoryRatio();
        return accurate && small ? "meets" : "misses" + (accurate ? "" : " (AUC)") + (small ? "" : " (memory)");
    }

    private OptionalDouble baselineAuc(long seed) {
        return okResults.stream()
                .filter(r -> r.point().precision() == Precision.FP32 && r.point().cacheLoadFactor() == 0.0
                        && r.point().seed() == seed)
                .mapToDouble(r -> r.metrics().testAuc()).filter(Double::isFinite).average();
    }

    String toHtml() {
        StringBuilder html = new StringBuilder("<h2>Targets</h2>\n<p>FP16 qparams, stochastic rounding, AUC compared"
                + " with FP32 without a cache at the same seed. Rows marked <i>context</i> show the same precision"
                + " without a cache or with nearest rounding.</p>\n");
        List<Check> checks = checks();
        if (checks.isEmpty()) {
            return html.append("<p>This table has no FP32 baseline and INT8/INT4 points with FP16 qparams to"
                    + " compare.</p>\n").toString();
        }
        html.append("<table>\n<tr><th>target</th><th>point_id</th><th>AUC - FP32 AUC</th><th>memory ratio</th>"
                + "<th>hit rate</th><th>verdict</th></tr>\n");
        for (Check check : checks) {
            Target target = check.target();
            String verdict = check.verdict();
            String verdictClass = verdict.startsWith("meets") ? "ok" : verdict.startsWith("misses") ? "miss" : "";
            html.append(String.format(Locale.ROOT,
                    "<tr><td class=\"text\">%s + %s cache: drop &le; %.3f at &ge; %.1fx</td><td class=\"text\">%s</td>"
                            + "<td>%+.5f</td><td>%.2f</td><td>%.3f</td><td class=\"text %s\">%s</td></tr>%n",
                    target.precision(), ExperimentPoint.percentLabel(target.cacheLoadFactor()), target.maxAucDrop(),
                    target.minMemoryRatio(), HtmlReportWriter.escape(check.result().point().pointId()),
                    check.aucDelta(), check.result().metrics().memoryRatio(), check.result().metrics().hitRate(),
                    verdictClass, verdict));
        }
        return html.append("</table>\n").toString();
    }
}
