package dev.ember.jobs.cli;

import dev.ember.jobs.experiment.ExperimentCommand;
import dev.ember.jobs.experiment.ReportCommand;
import dev.ember.jobs.experiment.TrainJobPointRunner;
import dev.ember.jobs.quickstart.QuickstartCommand;
import java.util.List;

/** Every command of {@code bin/ember}, in the order {@code ember --help} lists them. */
public final class Commands {
    private Commands() {
    }

    public static List<Command> all() {
        return List.of(new GenerateCommand(), new PreprocessCommand(), new TrainCommand(), new QuickstartCommand(),
                new ExperimentCommand(TrainJobPointRunner::new), new ReportCommand(), new BenchFeedCommand());
    }
}
