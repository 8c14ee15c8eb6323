package dev.ember.jobs.cli;

import dev.ember.jobs.train.TrainOutcome;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Training runs side by side, one column each, as quickstart and train print them. */
public final class RunTable {
    private RunTable() {
    }

    /** A titled column. */
    public record Column(String title, TrainOutcome outcome) {
    }

    public static Column column(String title, TrainOutcome outcome) {
        return new Column(title, outcome);
    }

    public static String format(List<Column> columns) {
        StringBuilder table = new StringBuilder();
        row(table, "", columns, Column::title);
        row(table, "test AUC", columns, c -> String.format(Locale.ROOT, "%.4f", c.outcome().test().auc()));
        row(table, "test logloss", columns, c -> String.format(Locale.ROOT, "%.4f", c.outcome().test().logloss()));
        row(table, "test accuracy", columns,
                c -> String.format(Locale.ROOT, "%.2f%%", 100 * c.outcome().test().accuracy()));
        row(table, "predicted / observed CTR", columns, c -> String.format(Locale.ROOT, "%.3f / %.3f",
                c.outcome().test().predictedCtr(), c.outcome().test().observedCtr()));
        row(table, "embedding bytes", columns,
                c -> String.format(Locale.ROOT, "%,d", c.outcome().memory().totalBytes()));
        row(table, "memory ratio vs FP32", columns,
                c -> String.format(Locale.ROOT, "%.2fx", c.outcome().memory().ratioVsFp32()));
        row(table, "cache hit rate", columns, c -> c.outcome().cacheLoadFactor() == 0 ? "-"
                : String.format(Locale.ROOT, "%.1f%%", 100 * c.outcome().cache().hitRate()));
        row(table, "training samples/s", columns,
                c -> String.format(Locale.ROOT, "%,.0f", c.outcome().speed().samplesPerSecond()));
        row(table, "training seconds", columns,
                c -> String.format(Locale.ROOT, "%.1f", c.outcome().speed().trainSeconds()));
        return table.toString();
    }

    private static void row(StringBuilder table, String label, List<Column> columns, Function<Column, String> cell) {
        table.append(String.format(Locale.ROOT, "%-26s", label));
        for (Column c : columns) {
            table.append(String.format(Locale.ROOT, "%20s", cell.apply(c)));
        }
        table.append('\n');
    }
}
