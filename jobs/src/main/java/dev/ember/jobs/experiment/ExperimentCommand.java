package dev.ember.jobs.experiment;

import dev.ember.jobs.cli.Command;
import dev.ember.jobs.cli.Flags;
import dev.ember.jobs.cli.UsageException;
import dev.ember.jobs.spark.SparkSessions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ember experiment --data DIR --grid FILE [--out DIR]}: the sweep, in one SparkSession. The runner comes
 * from a factory so the command line decides how a point is trained (the train job, in production).
 */
public final class ExperimentCommand implements Command {
    static final Set<String> FLAGS = Set.of("data", "grid", "out");

    private final Function<SparkSession, GridPointRunner> runnerFactory;

    public ExperimentCommand(Function<SparkSession, GridPointRunner> runnerFactory) {
        this.runnerFactory = Objects.requireNonNull(runnerFactory, "runnerFactory");
    }

    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String summary() {
        return "train every point of a grid (precision x cache x policy x rounding x seed), then table + HTML report";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "  --data DIR   output of ember preprocess (required); every point trains on it in the same order",
                "  --grid FILE  grid file, .json or .properties (required), e.g. conf/experiments/smoke.json",
                "  --out DIR    results folder (default runs/experiments/<grid name>); an earlier run there is resumed",
                "  See docs/experiments.md for the grid format and the outputs.");
    }

    @Override
    public String run(Flags flags) throws Exception {
        checkFlags(flags, FLAGS);
        ExperimentGrid grid = GridFiles.read(Path.of(flags.require("grid")));
        String data = flags.require("data");
        Path out = flags.get("out") == null ? Experiments.defaultOutputDirectory(grid) : Path.of(flags.get("out"));
        SparkSession spark = SparkSessions.getOrCreate("ember-experiment-" + grid.name());
        ExperimentReport report = Experiments.run(grid, data, out, runnerFactory.apply(spark));
        return report.resultsJson().toString();
    }

    static void checkFlags(Flags flags, Set<String> allowed) {
        for (String key : flags.asMap().keySet()) {
            if (!allowed.contains(key)) {
                throw new UsageException("Unknown flag --" + key + "; allowed flags are "
                        + allowed.stream().sorted().map(k -> "--" + k).toList());
            }
        }
    }
}
