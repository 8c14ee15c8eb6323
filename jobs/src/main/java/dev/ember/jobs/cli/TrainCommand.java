package dev.ember.jobs.cli;

import dev.ember.jobs.spark.SparkSessions;
import dev.ember.jobs.train.TrainJob;
import dev.ember.jobs.train.TrainOptions;
import dev.ember.jobs.train.TrainOutcome;

/** {@code ember train}: DLRM with mixed-precision embeddings and an FP32 cache, in a Spark executor task. */
final class TrainCommand implements Command {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train DLRM on preprocessed Parquet; report AUC, logloss, memory, hit rate, samples/s";
    }

    @Override
    public String usage() {
        return TrainOptions.USAGE;
    }

    @Override
    public String run(Flags flags) throws Exception {
        TrainOptions options = TrainOptions.fromFlags(flags.asMap());
        TrainOutcome outcome = TrainJob.run(SparkSessions.getOrCreate("ember train"), options);
        System.err.println(RunTable.format(java.util.List.of(RunTable.column(options.precision().name(), outcome))));
        return outcome.resultsFile();
    }
}
