package dev.ember.jobs.experiment;

import dev.ember.jobs.cli.Command;
import dev.ember.jobs.cli.Flags;
import java.nio.file.Path;
import java.util.Set;

/** {@code ember report --results DIR}: redraws the charts and rewrites report.html of a results folder. */
public final class ReportCommand implements Command {
    static final Set<String> FLAGS = Set.of("results");

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "regenerate the HTML report and charts of an experiment results folder";
    }

    @Override
    public String usage() {
        return "  --results DIR  a folder written by ember experiment (it holds results.json)";
    }

    @Override
    public String run(Flags flags) throws Exception {
        ExperimentCommand.checkFlags(flags, FLAGS);
        ExperimentReport report = Experiments.report(Path.of(flags.require("results")));
        return report.resultsJson().toString();
    }
}
